using System.Threading.RateLimiting;

namespace RoyaAudio.Server.Security;

/// <summary>
/// What stands between strangers and the webhook's memory: a caller refused too often is turned away
/// before anything is read, and only a few bodies (up to <c>Security:MaxBodyBytes</c> each) are read at
/// once, so a flood of large posts queues instead of multiplying memory.
/// </summary>
public sealed class WebhookGate : IDisposable
{
    /// <summary>Bodies read at once; a CMS sends one article at a time, so this is plenty.</summary>
    public const int ConcurrentBodies = 4;

    private readonly PartitionedRateLimiter<string> _refusals;
    private readonly SemaphoreSlim _bodies = new(ConcurrentBodies);

    public WebhookGate(Microsoft.Extensions.Options.IOptions<SecurityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RefusalsPerMinute = options.Value.WebhookRefusalsPerMinute;
        _refusals = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = RefusalsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
    }

    /// <summary>Refusals a client address may collect per minute before it gets 429 without a hearing.</summary>
    public int RefusalsPerMinute { get; }

    public bool IsTurnedAway(string address) => _refusals.GetStatistics(address)?.CurrentAvailablePermits == 0;

    public void Refused(string address) => _refusals.AttemptAcquire(address).Dispose();

    /// <summary>Waits for a reading slot; dispose the result to give it back.</summary>
    public async Task<IDisposable> ReadingSlotAsync(CancellationToken cancellationToken)
    {
        await _bodies.WaitAsync(cancellationToken);
        return new Slot(_bodies);
    }

    public void Dispose()
    {
        _refusals.Dispose();
        _bodies.Dispose();
    }

    private sealed class Slot(SemaphoreSlim bodies) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                bodies.Release();
            }
        }
    }
}
