using System.ClientModel;
using System.Globalization;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace RoyaAudio.Synthesis.Remote;

/// <summary>
/// Who retries, on purpose: we do, here, and the SDK's own retry policy is switched off so attempts
/// never multiply. Outer to inner: retry (429, 5xx, timeouts, dropped connections and broken answers;
/// exponential backoff with jitter that honours Retry-After), a circuit breaker that stops every render
/// in the process from calling a service that is down (one probe at a time until it answers), the
/// deployment's budget (every attempt waits for its own evenly spaced turn, and a 429 slows the budget
/// down: see <see cref="SpeechBudget"/>), then the per-request timeout, which the wait for a turn is outside of.
/// The characters of the request reach the budget through <see cref="BudgetStrategy.Characters"/>.
/// </summary>
public static class SpeechRetryPipeline
{
    public static ResiliencePipeline Build(RemoteTtsOptions options, SpeechCircuit circuit, SpeechBudget budget, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(budget);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                // An open circuit costs no request; waiting it out is a retry like any other.
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => IsTransient(e) || e is BrokenCircuitException),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception, args.AttemptNumber)),
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            // Only a service that is down trips it: nearly every answer an outage, never the odd 500 or a 429 (busy, not down).
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsOutage),
            FailureRatio = 0.9,
            MinimumThroughput = 8,
            SamplingDuration = TimeSpan.FromSeconds(30),
            // 5 s, then 10, 20, 30 s between probes while the outage lasts.
            BreakDurationGenerator = args => ValueTask.FromResult(TimeSpan.FromSeconds(Math.Min(30, 5 * Math.Pow(2, args.HalfOpenAttempts)))),
            StateProvider = circuit.StateProvider,
            OnOpened = _ =>
            {
                circuit.Opened();
                return ValueTask.CompletedTask;
            },
        });
        return BudgetStrategy.AddTo(builder, budget)
            .AddTimeout(TimeSpan.FromSeconds(options.RequestTimeoutSeconds))
            .Build();
    }

    /// <summary>Worth another attempt: the service was busy, failed, slow, cut off, or answered nonsense.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        ClientResultException e => e.Status is 0 or 408 or 429 or >= 500,
        TimeoutRejectedException or HttpRequestException or IOException or InvalidSpeechAnswerException => true,
        TaskCanceledException { InnerException: TimeoutException } => true, // the SDK's own network timeout
        _ => false,
    };

    /// <summary>The service is not there: refused or dropped connections, 5xx gateway and server errors, no answer in time.</summary>
    public static bool IsOutage(Exception exception) => exception switch
    {
        ClientResultException e => e.Status is 0 or >= 500,
        TimeoutRejectedException or HttpRequestException or IOException => true,
        TaskCanceledException { InnerException: TimeoutException } => true,
        _ => false,
    };

    /// <summary>
    /// At least the service's own wait (retry-after-ms or Retry-After), never less than our own backoff
    /// for this attempt, plus up to 20% jitter so clients do not return in lockstep. Null: no header,
    /// so the exponential backoff stands.
    /// </summary>
    private static TimeSpan? RetryAfter(Exception? exception, int attempt)
    {
        if (exception is BrokenCircuitException { RetryAfter: { } reopens })
        {
            // Come back when the breaker lets a probe through, not in a burst with every other waiting unit.
            return reopens * (1 + Random.Shared.NextDouble() * 0.2);
        }

        if (exception is not ClientResultException answered || ServiceWait(answered) is not { } wait)
        {
            return null;
        }

        var backoff = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(attempt, 10)));
        var longer = wait > backoff ? wait : backoff;
        return longer * (1 + Random.Shared.NextDouble() * 0.2);
    }

    /// <summary>The wait the service asked for (retry-after-ms, else Retry-After in seconds or as a date); null when it named none.</summary>
    internal static TimeSpan? ServiceWait(ClientResultException exception)
    {
        var headers = exception.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }

        TimeSpan? wait = null;
        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds))
        {
            wait = TimeSpan.FromMilliseconds(milliseconds);
        }
        else if (headers.TryGetValue("Retry-After", out var after))
        {
            if (double.TryParse(after, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                wait = TimeSpan.FromSeconds(seconds);
            }
            else if (DateTimeOffset.TryParse(after, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                wait = date - DateTimeOffset.UtcNow;
            }
        }

        return wait is null || wait < TimeSpan.Zero ? null : wait;
    }
}
