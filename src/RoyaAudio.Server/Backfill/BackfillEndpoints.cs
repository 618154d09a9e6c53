using System.Security.Claims;
using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RoyaAudio.Articles;
using RoyaAudio.Server.Jobs;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Security;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Backfill;

/// <summary>
/// Editors ask for part of the archive to be rendered: named articles, a language's published articles, or
/// (said explicitly) all of them. The answer comes at once with an id whose progress can be followed.
/// </summary>
public static class BackfillEndpoints
{
    /// <summary>Named articles per request; a whole archive is asked for by language or <c>all</c>, not by listing it.</summary>
    public const int MaxNamed = 10_000;

    public static void MapBackfill(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/backfill").WithTags("Editors").RequireAuthorization(Policies.Editor);
        group.MapPost("", StartAsync)
            .WithSummary("Render part of the archive on the backfill queue, at Jobs:BackfillPerMinute; answers at once with the backfill's id")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id:long}", ProgressAsync).WithSummary("How far a backfill has got")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>What starting a backfill needs besides the request, bound from DI.</summary>
    private sealed record Starting(BackfillStore Backfills, IBackgroundJobClient Jobs, IOptions<JobOptions> Options);

    private static async Task<Results<Accepted<BackfillProgress>, ProblemHttpResult>> StartAsync(
        BackfillRequest request, ClaimsPrincipal user, [AsParameters] Starting services, CancellationToken cancellationToken)
    {
        var (backfills, jobs, options) = services;
        if (request.Language is { } language && !Languages.IsSupported(language))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, $"unknown language '{Excerpt.Of(language)}': supported are {string.Join(", ", Languages.Supported)}");
        }

        var named = request.ArticleIds is { Count: > 0 } ids ? ids : null;
        if (named is null && request.Language is null && request.All != true)
        {
            return Problems.Of(
                StatusCodes.Status422UnprocessableEntity,
                "say which articles: articleIds (a list), language (en or ar), or \"all\": true for every published article in every language");
        }

        if (named is { Count: > MaxNamed })
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, $"articleIds names {named.Count:N0} articles; at most {MaxNamed:N0} a request (ask by language for more)");
        }

        var backfill = await backfills.CreateAsync(user.Identity?.Name ?? "editor", named is null ? request.Language : null, named, cancellationToken);
        await backfills.SetJobAsync(backfill.Id, BackfillJob.Schedule(jobs, backfill.Id, TimeSpan.Zero), cancellationToken);
        var progress = BackfillProgress.Of(backfill, options.Value.BackfillPerMinute);
        return TypedResults.Accepted(progress.StatusUrl, progress);
    }

    private static async Task<Results<Ok<BackfillProgress>, ProblemHttpResult>> ProgressAsync(long id, BackfillStore backfills, IOptions<JobOptions> options, CancellationToken cancellationToken) =>
        await backfills.GetAsync(id, cancellationToken) is { } backfill
            ? TypedResults.Ok(BackfillProgress.Of(backfill, options.Value.BackfillPerMinute))
            : Problems.NotFound($"backfill {id}");

}

/// <summary><c>All</c> must be said: an empty body is refused rather than read as "the whole archive".</summary>
public sealed record BackfillRequest(IReadOnlyList<string>? ArticleIds, string? Language, bool? All);

/// <summary>
/// A backfill's state. <c>Queued</c> counts renders requested so far; <c>Handled</c> the articles the pager
/// has looked at (queued or not published); <c>SpreadOver</c> estimates the whole run at the configured rate.
/// </summary>
public sealed record BackfillProgress(
    long Id, string Status, string? Language, long Total, long Handled, long Queued, IReadOnlyList<string> NotPublished,
    TimeSpan SpreadOver, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, string StatusUrl)
{
    public static BackfillProgress Of(BackfillRow row, int perMinute)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new BackfillProgress(
            row.Id, row.Status, row.Language, row.Total, row.CursorIndex, row.Queued,
            JsonSerializer.Deserialize<List<string>>(row.NotPublished) ?? [], TimeSpan.FromMinutes(Math.Max(0, row.Total - 1) / (double)perMinute),
            DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt), row.FinishedAt is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null,
            $"/api/backfill/{row.Id}");
    }
}
