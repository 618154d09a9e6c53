using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace RoyaAudio.Server.Security;

/// <summary>
/// Section <c>RateLimits</c>: the public endpoints (audio status, listening events) are limited per client
/// address, so one scraper cannot starve the player on every article page. The address lives only in
/// the limiter's memory; it is never stored.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public const string Public = "public";

    public const string Preview = "preview";

    /// <summary>Sustained requests per second per client address on the public API (the burst is twice this).</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:PublicPerSecond must be 1-1000000")]
    public int PublicPerSecond { get; set; } = 20;

    /// <summary>"Hear it" previews per minute per editor: each may call a paid voice (the burst is the same number).</summary>
    [Range(1, 100_000, ErrorMessage = "RateLimits:PreviewPerMinute must be 1-100000")]
    public int PreviewPerMinute { get; set; } = 12;

    public static void AddTo(IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "1";
                await Results.Problem(detail: "too many requests from this address; retry in a second", statusCode: StatusCodes.Status429TooManyRequests)
                    .ExecuteAsync(context.HttpContext);
            };
            limiter.AddPolicy(Public, context =>
            {
                var perSecond = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.PublicPerSecond;
                return RateLimitPartition.GetTokenBucketLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = perSecond * 2,
                        TokensPerPeriod = perSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            limiter.AddPolicy(Preview, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.PreviewPerMinute;
                return RateLimitPartition.GetTokenBucketLimiter(
                    context.User.Identity?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = perMinute,
                        TokensPerPeriod = Math.Max(1, perMinute / 12),
                        ReplenishmentPeriod = TimeSpan.FromSeconds(5),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
        });
    }
}
