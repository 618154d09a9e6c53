using System.ClientModel;
using System.Globalization;
using System.Threading.RateLimiting;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace RoyaAudio.Synthesis.Remote;

/// <summary>
/// Who retries, on purpose: we do, here, and the SDK's own retry policy is switched off so attempts
/// never multiply. Outer to inner: retry (429, 5xx, timeouts, dropped connections and broken answers;
/// exponential backoff with jitter that honours Retry-After), the requests-per-minute budget (every
/// attempt spends a token, waiting if need be), then the per-request timeout.
/// </summary>
public static class SpeechRetryPipeline
{
    public static ResiliencePipeline Build(RemoteTtsOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception, args.AttemptNumber)),
            });
        }

        return builder
            .AddRateLimiter(RequestBudget(options.RequestsPerMinute))
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

    /// <summary>
    /// At least the service's own wait (retry-after-ms or Retry-After), never less than our own backoff
    /// for this attempt, plus up to 20% jitter so clients do not return in lockstep. Null: no header,
    /// so the exponential backoff stands.
    /// </summary>
    private static TimeSpan? RetryAfter(Exception? exception, int attempt)
    {
        var headers = (exception as ClientResultException)?.GetRawResponse()?.Headers;
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

        if (wait is null || wait < TimeSpan.Zero)
        {
            return null;
        }

        var backoff = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(attempt, 10)));
        var longer = wait.Value > backoff ? wait.Value : backoff;
        return longer * (1 + Random.Shared.NextDouble() * 0.2);
    }

    /// <summary>A token bucket holding ten seconds' worth of requests (at least one), refilled evenly.</summary>
    private static TokenBucketRateLimiter RequestBudget(int requestsPerMinute)
    {
        var perTenthOfSecond = requestsPerMinute / 600.0;
        var (period, tokens) = perTenthOfSecond >= 1
            ? (TimeSpan.FromMilliseconds(100), (int)Math.Round(perTenthOfSecond))
            : (TimeSpan.FromMinutes(1.0 / requestsPerMinute), 1);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, requestsPerMinute / 6),
            ReplenishmentPeriod = period,
            TokensPerPeriod = tokens,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
