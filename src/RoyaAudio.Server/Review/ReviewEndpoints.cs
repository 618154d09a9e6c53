using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using RoyaAudio.Articles;
using RoyaAudio.Server.Articles;
using RoyaAudio.Server.Jobs;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Renditions;
using RoyaAudio.Server.Security;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Review;

/// <summary>
/// The review desk: what verification doubted and what failed, newest first; an editor hears a flagged
/// sentence and accepts it, has it read again (one unit bought, every other unit from the cache), or adds
/// a word to the lexicon (the lexicon API).
/// </summary>
public static class ReviewEndpoints
{
    public static void MapReview(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Editors").RequireAuthorization(Policies.Editor);
        group.MapGet("/review", QueueAsync).WithSummary("Renditions with flagged sentences nobody accepted, and failed renders, newest first");
        group.MapPost("/articles/{id}/sentences/{index:int}/accept", AcceptAsync).WithSummary("Accept a flagged sentence of the audio listeners hear, in the editor's name");
        group.MapPost("/articles/{id}/sentences/{index:int}/reread", RereadAsync).WithSummary("Render again with this sentence read afresh and every other unit from the cache");
    }

    private sealed record Rereading(ArticleStore Articles, ScriptPlanner Planner, RenderScheduler Scheduler, Synthesis.TtsEngines Engines);

    private static async Task<Ok<IEnumerable<ReviewItem>>> QueueAsync(int? limit, ReviewStore reviews, ArticleStore articles, ScriptPlanner planner, CancellationToken cancellationToken)
    {
        var rows = await reviews.QueueAsync(Math.Clamp(limit ?? 50, 1, 200), cancellationToken);
        var accepted = (await reviews.AcceptedAsync([.. rows.Select(r => r.RenditionId)], cancellationToken))
            .ToDictionary(a => (a.RenditionId, (int)a.SentenceIndex));
        var items = new List<ReviewItem>();
        foreach (var row in rows)
        {
            var record = RenditionRecord.Read(row.Record, null);
            var spoken = await SpokenAsync(row.ArticleId, articles, planner, cancellationToken);
            var sentences = (record?.Verification?.Findings ?? []).Select(finding =>
            {
                var timing = record!.Sentences.FirstOrDefault(s => s.Index == finding.Sentence);
                accepted.TryGetValue((row.RenditionId, finding.Sentence), out var review);
                return new ReviewSentence(
                    finding.Sentence, timing?.Text ?? "", spoken.GetValueOrDefault(finding.Sentence), finding.Heard, finding.Reason,
                    timing?.StartMs ?? 0, timing?.EndMs ?? 0, review?.AcceptedBy, review is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(review.AcceptedAt));
            });
            items.Add(new ReviewItem(
                row.ArticleId, row.Title, row.Language, row.RenditionId, row.Status, row.Reason,
                DateTimeOffset.FromUnixTimeMilliseconds(row.FinishedAt ?? row.CreatedAt), record?.DurationMs, [.. sentences]));
        }

        return TypedResults.Ok<IEnumerable<ReviewItem>>(items);
    }

    private static async Task<Results<Ok<ReviewState>, ProblemHttpResult>> AcceptAsync(
        string id, int index, ClaimsPrincipal user, ArticleStore articles, RenditionStore renditions, ReviewStore reviews, CancellationToken cancellationToken)
    {
        var article = await articles.GetAsync(id, cancellationToken);
        var current = article?.CurrentRenditionId is { } rendition ? await renditions.GetAsync(rendition, cancellationToken) : null;
        if (current is null)
        {
            return Problems.NotFound($"audio of article '{Excerpt.Of(id)}'");
        }

        if (RenditionRecord.Read(current.Record, null)?.Verification?.Flagged.Contains(index) != true)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, $"sentence {index} of '{Excerpt.Of(id)}' is not flagged in the audio listeners hear");
        }

        await reviews.AcceptAsync(current.Id, index, user.Identity?.Name ?? "editor", cancellationToken);
        return TypedResults.Ok(new ReviewState(id, await reviews.PendingForAsync(id, cancellationToken)));
    }

    private static async Task<Results<Accepted<ArticleAccepted>, ProblemHttpResult>> RereadAsync(
        string id, int index, [AsParameters] Rereading services, CancellationToken cancellationToken)
    {
        var (articles, planner, scheduler, engines) = services;
        var article = await articles.GetAsync(id, cancellationToken);
        if (article is null || !article.IsPublished)
        {
            return Problems.NotFound($"published article '{Excerpt.Of(id)}'");
        }

        // Re-read with the article's own engine or not at all: another would buy every unit again in another voice.
        if (article.Engine is { } engine && !engines.TryGet(engine, out _))
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, $"the article is read by '{engine}', which this node does not have configured; ask a node that has it");
        }

        PlannedScript plan;
        try
        {
            plan = await planner.PlanAsync(ArticleReader.Parse(article.Source), article.Engine, article.Voice, cancellationToken);
        }
        catch (ArticleInputException e)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, e.Message);
        }

        if (index < 0 || index >= plan.Script.SentenceCount)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, $"'{Excerpt.Of(id)}' has sentences 0-{plan.Script.SentenceCount - 1}");
        }

        var queued = await articles.RequestRenderAsync(id, new PlannedReading(plan.Engine, article.Voice, plan.Hash, [index]), Queues.Editor, cancellationToken);
        if (queued is null)
        {
            return Problems.NotFound($"published article '{Excerpt.Of(id)}'");
        }

        await scheduler.EnqueueAsync(queued, cancellationToken);
        return TypedResults.Accepted((string?)null, new ArticleAccepted(id, queued.Status, queued.Id, Changed: true));
    }

    /// <summary>The spoken form of each sentence as today's script reads it; empty when the article can no longer be read.</summary>
    private static async Task<Dictionary<int, string>> SpokenAsync(string id, ArticleStore articles, ScriptPlanner planner, CancellationToken cancellationToken)
    {
        try
        {
            var article = await articles.GetAsync(id, cancellationToken);
            if (article is null)
            {
                return [];
            }

            var plan = await planner.PlanAsync(ArticleReader.Parse(article.Source), article.Engine, article.Voice, cancellationToken);
            return plan.Script.Sentences.ToDictionary(s => s.Index, s => s.Spoken);
        }
        catch (ArticleInputException)
        {
            return [];
        }
    }
}

/// <param name="DurationMs">Of the audio under review; null for a failed render.</param>
/// <param name="Sentences">Flagged sentences with what was heard; empty for a failed render.</param>
public sealed record ReviewItem(
    string ArticleId, string Title, string Language, long RenditionId, string Status, string? Reason, DateTimeOffset At, long? DurationMs,
    IReadOnlyList<ReviewSentence> Sentences);

/// <param name="Heard">What transcription heard of the unit holding the sentence; null when only its length was judged.</param>
public sealed record ReviewSentence(
    int Index, string Text, string? Spoken, string? Heard, string Reason, long StartMs, long EndMs, string? AcceptedBy, DateTimeOffset? AcceptedAt);

/// <param name="ReviewPending">The article's audio still holds flagged sentences nobody accepted.</param>
public sealed record ReviewState(string ArticleId, bool ReviewPending);
