using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RoyaAudio.Synthesis.Remote;

/// <summary>
/// The requests-per-minute (and characters-per-minute) budget of one speech deployment, paced evenly and
/// lowered after a 429 (see <see cref="SpeechPace"/>). Kept in a store: this process's memory, or one
/// the whole cluster shares, so every worker together keeps to the deployment's quota. Every attempt,
/// retries included, waits for its own turn.
/// </summary>
public sealed class SpeechBudget
{
    private static readonly TimeSpan WarnEvery = TimeSpan.FromMinutes(1);

    private readonly ISpeechBudgetStore _store;
    private readonly ProcessBudgetStore _fallback;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private long _warnedAt = long.MinValue;

    public SpeechBudget(SpeechPace pace, ISpeechBudgetStore store, TimeProvider? time = null, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(pace);
        ArgumentNullException.ThrowIfNull(store);
        Pace = pace;
        _store = store;
        _time = time ?? TimeProvider.System;
        _fallback = new ProcessBudgetStore(_time);
        _log = log ?? NullLogger.Instance;
    }

    public SpeechPace Pace { get; }

    /// <summary>A budget this process keeps to alone.</summary>
    public static SpeechBudget InProcess(RemoteTtsOptions options, TimeProvider? time = null) =>
        new(SpeechPace.For(options), new ProcessBudgetStore(time), time);

    /// <summary>
    /// Waits for the next free slot for a request of <paramref name="characters"/>. A slot that a 429
    /// voided while it was waited for is given up for a new one at the lowered rate. When the shared store
    /// cannot be reached, the process paces itself alone until it can.
    /// </summary>
    public async ValueTask<SpeechTurn> WaitTurnAsync(int characters, CancellationToken cancellationToken)
    {
        try
        {
            return await TakeTurnAsync(_store, characters, cancellationToken);
        }
        catch (DbException e)
        {
            Warn(e);
            return await TakeTurnAsync(_fallback, characters, cancellationToken);
        }
    }

    /// <summary>The request that held <paramref name="turn"/> was answered 429: the whole budget slows down.</summary>
    public async ValueTask ThrottledAsync(SpeechTurn turn, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        try
        {
            await _store.ChangeAsync((state, now) => (Pace.Throttled(state, now, turn, retryAfter), 0), cancellationToken);
        }
        catch (DbException e)
        {
            Warn(e);
            await _fallback.ChangeAsync((state, now) => (Pace.Throttled(state, now, turn, retryAfter), 0), cancellationToken);
        }
    }

    private async ValueTask<SpeechTurn> TakeTurnAsync(ISpeechBudgetStore store, int characters, CancellationToken cancellationToken)
    {
        while (true)
        {
            var turn = await store.ChangeAsync((state, now) => Pace.Reserve(state, now, characters), cancellationToken);
            if (turn.WaitMs <= 0)
            {
                return turn;
            }

            // The store's clock chose the slot; the wait is a span, so clocks that differ between machines do not matter.
            await Task.Delay(TimeSpan.FromMilliseconds(turn.WaitMs), _time, cancellationToken);
            if (await store.EpochAsync(cancellationToken) == turn.Epoch)
            {
                return turn;
            }
        }
    }

    private void Warn(DbException e)
    {
        var now = _time.GetTimestamp();
        var last = Interlocked.Read(ref _warnedAt);
        if ((last == long.MinValue || _time.GetElapsedTime(last, now) >= WarnEvery) && Interlocked.CompareExchange(ref _warnedAt, now, last) == last)
        {
            _log.LogWarning(e, "the shared TTS budget cannot be read ({Message}): this process paces itself alone until it can", e.Message);
        }
    }
}
