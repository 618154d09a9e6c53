using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RoyaAudio.Server.Operations;

/// <summary>
/// Runs a readiness check at most once per period however many probes ask: probes arriving while a run
/// is under way wait for that run, and later ones get its result until it is a period old. A flood of
/// probes (or a hundred load balancers) thus costs one database query and one storage read per period.
/// </summary>
public sealed class CachedReadiness(ReadinessCheck check, TimeProvider clock, ILogger<CachedReadiness> log) : IHealthCheck
{
    /// <summary>How long a result stands.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    /// <summary>A check that has not answered by then is unhealthy.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private Task<Outcome>? _latest;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        Task<Outcome> run;
        lock (_gate)
        {
            if (_latest is null || (_latest.IsCompleted && clock.GetElapsedTime(_latest.Result.FinishedAt) >= Period))
            {
                // Not tied to the first prober's token: everyone waiting shares the run.
                _latest = Task.Run(RunAsync, CancellationToken.None);
            }

            run = _latest;
        }

        return (await run.WaitAsync(cancellationToken)).Result;
    }

    private async Task<Outcome> RunAsync()
    {
        var started = Stopwatch.GetTimestamp();
        string? error = null;
        Exception? failure = null;
        using var limit = new CancellationTokenSource(Timeout);
        try
        {
            await check.CheckAsync(limit.Token).WaitAsync(Timeout);
        }
        catch (Exception e)
        {
            failure = e;
            error = e is OperationCanceledException or TimeoutException ? $"no answer within {Timeout.TotalSeconds:F0} s" : e.Message;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (error is not null)
        {
            // Once per run, not once per probe: a failing check under a probe flood would drown the log.
            log.LogWarning(failure, "readiness check {Component} failed after {ElapsedMs} ms: {Error}", check.Component, (long)elapsed.TotalMilliseconds, error);
        }

        var data = new Dictionary<string, object> { [HealthWriter.ElapsedKey] = (long)elapsed.TotalMilliseconds };
        if (error is not null)
        {
            data[HealthWriter.ErrorKey] = error;
        }

        var result = error is null
            ? HealthCheckResult.Healthy(check.Component, data)
            : HealthCheckResult.Unhealthy(check.Component, failure, data);
        return new Outcome(result, clock.GetTimestamp());
    }

    private sealed record Outcome(HealthCheckResult Result, long FinishedAt);
}
