using Microsoft.AspNetCore.Http.HttpResults;
using RoyaAudio.Articles;
using RoyaAudio.Server.Jobs;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Renditions;
using RoyaAudio.Server.Security;
using RoyaAudio.Server.Synthesis;
using RoyaAudio.Synthesis;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Articles;

/// <summary>What editors steer: regenerate (another voice or engine), automatic regeneration, the script as it will be read, and the render history (backfills are in <c>Backfill/</c>).</summary>
public static class EditorEndpoints
{
    public static void MapEditorApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Editors").RequireAuthorization(Policies.Editor);
        group.MapGet("/articles", ListAsync)
            .WithSummary("Articles newest first with audio status, duration, cost, listening totals, review and freshness; q, status, language, filter=review|outdated, page, pageSize; X-Total-Count says how many match");
        group.MapPost("/articles/{id}/audio/regenerate", RegenerateAsync)
            .WithSummary("Render the article again now, optionally with another voice or engine")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPut("/articles/{id}/auto-regenerate", AutoRegenerateAsync).WithSummary("Turn automatic regeneration on edits on or off");
        group.MapGet("/articles/{id}/script", ScriptAsync).WithSummary("The speech script as it will be read");
        group.MapGet("/articles/{id}/renditions", HistoryAsync).WithSummary("Every rendition of the article with status, attempts and failure reason");
    }

    /// <summary>What regenerating needs besides the request, bound from DI.</summary>
    private sealed record Regenerating(ArticleStore Articles, TtsEngines Engines, ScriptPlanner Planner, RenderScheduler Scheduler);

    /// <summary>What previewing a script needs, bound from DI.</summary>
    private sealed record Scripting(ArticleStore Articles, ScriptPlanner Planner, TtsEngines Engines);

    /// <summary>The list's query string; <c>limit</c> is the older name of <c>pageSize</c>.</summary>
    private sealed record Listing(string? Q, string? Status, string? Language, string? Filter, int? Page, int? PageSize, int? Limit);

    private static async Task<Results<Ok<IEnumerable<ArticleSummary>>, ProblemHttpResult>> ListAsync(
        [AsParameters] Listing listing, ArticleStore articles, AudioFreshness freshness, HttpResponse response, CancellationToken cancellationToken)
    {
        if (listing.Language is { } language && !Languages.IsSupported(language))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, $"language '{Excerpt.Of(language, 16)}' is not an edition: choose one of {string.Join(", ", Languages.Supported)}");
        }

        if (listing.Filter is not (null or "" or "review" or "outdated"))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "filter is review (audio with flagged sentences nobody accepted) or outdated (audio the script no longer matches)");
        }

        // Outdated is known only by reading each script with today's lexicon, so it is found first and the page taken from it.
        IReadOnlyList<string>? outdatedIds = null;
        if (listing.Filter == "outdated")
        {
            var found = new List<string>();
            foreach (var edition in listing.Language is { } one ? [one] : Languages.Supported)
            {
                found.AddRange(await freshness.OutdatedInAsync(edition, term: null, cancellationToken));
            }

            outdatedIds = found;
        }

        var pageSize = Math.Clamp(listing.PageSize ?? listing.Limit ?? 50, 1, 500);
        var query = new DeskQuery(listing.Q, listing.Language, string.IsNullOrWhiteSpace(listing.Status) ? null : listing.Status,
            listing.Filter == "review", Math.Clamp(listing.Page ?? 1, 1, 100_000), pageSize, outdatedIds);
        var (rows, total) = await articles.ListAsync(query, cancellationToken);
        var outdated = outdatedIds is not null ? outdatedIds.ToHashSet() : await freshness.OutdatedAsync([.. rows.Select(r => r.Id)], cancellationToken);
        response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(rows.Select(row => new ArticleSummary(
            row.Id, row.Language, row.Title, row.IsPublished, row.RegeneratesAutomatically, row.LatestStatus ?? "none", RenditionStatus.IsSettled(row.LatestStatus),
            row.LatestReason, row.CurrentDurationMs, row.Characters, row.CurrentCostUsd, row.LatestAttempts ?? 0, row.CurrentFlaggedSentences ?? 0,
            row.ReviewPending != 0, outdated.Contains(row.Id), row.Plays, row.Completed)));
    }

    private static async Task<Results<Accepted<ArticleAccepted>, ProblemHttpResult>> RegenerateAsync(
        string id, RegenerateRequest? request, [AsParameters] Regenerating services, CancellationToken cancellationToken)
    {
        var (articles, engines, planner, scheduler) = services;
        var article = await articles.GetAsync(id, cancellationToken);
        if (article is null || !article.IsPublished)
        {
            return Problems.NotFound($"published article '{Excerpt.Of(id)}'");
        }

        // Only the engine asked for: its own voice. Only a voice: the article's engine keeps reading.
        var engineName = request?.Engine is { Length: > 0 } wanted ? wanted : article.Engine;
        var voice = request?.Voice is { Length: > 0 } asked ? asked : request?.Engine is { Length: > 0 } ? null : article.Voice;
        if (ReadingProblem(engines, engineName, voice) is { } problem)
        {
            return problem;
        }

        PlannedScript plan;
        try
        {
            var parsed = ArticleReader.Parse(article.Source);
            if (voice is not null && await VoiceEndpoints.VoiceProblemAsync(engines.NamedOrDefault(engineName), voice, parsed.Language, cancellationToken) is { } refused)
            {
                return refused;
            }

            plan = await planner.PlanAsync(parsed, engineName, voice, cancellationToken);
        }
        catch (ArticleInputException e)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, e.Message);
        }

        var queued = await articles.RequestRenderAsync(id, new PlannedReading(plan.Engine, voice, plan.Hash), Queues.Editor, cancellationToken);
        if (queued is null)
        {
            return Problems.NotFound($"published article '{Excerpt.Of(id)}'");
        }

        await scheduler.EnqueueAsync(queued, cancellationToken);
        return TypedResults.Accepted((string?)null, new ArticleAccepted(id, queued.Status, queued.Id, Changed: true));
    }

    /// <summary>An engine must be configured here; a voice is a name, never markup or a path.</summary>
    private static ProblemHttpResult? ReadingProblem(TtsEngines engines, string? engine, string? voice)
    {
        if (engine is not null && !engines.TryGet(engine, out _))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, $"engine '{Excerpt.Of(engine)}' is not configured: choose one of {string.Join(", ", engines.Names)}");
        }

        if (voice is not null && (voice.Length > 64 || !voice.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '.')))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "voice must be 1-64 letters, digits, '-', '_', '+' or '.'");
        }

        return null;
    }

    /// <summary>An empty body is refused: read as false, it would silently stop an article's audio following its edits.</summary>
    private static async Task<Results<Ok<AutoRegenerateState>, ProblemHttpResult>> AutoRegenerateAsync(string id, AutoRegenerateRequest request, ArticleStore articles, CancellationToken cancellationToken) =>
        request.Enabled is not { } enabled
            ? Problems.Of(StatusCodes.Status422UnprocessableEntity, "enabled is missing: send {\"enabled\": true} or {\"enabled\": false}")
            : await articles.SetAutoRegenerateAsync(id, enabled, cancellationToken)
                ? TypedResults.Ok(new AutoRegenerateState(id, enabled))
                : Problems.NotFound($"article '{Excerpt.Of(id)}'");

    private static async Task<Results<Ok<ScriptPreview>, ProblemHttpResult>> ScriptAsync(
        string id, string? voice, string? engine, [AsParameters] Scripting services, CancellationToken cancellationToken)
    {
        var (articles, planner, engines) = services;
        var article = await articles.GetAsync(id, cancellationToken);
        if (article is null)
        {
            return Problems.NotFound($"article '{Excerpt.Of(id)}'");
        }

        engine = string.IsNullOrEmpty(engine) ? article.Engine : engine;
        voice = string.IsNullOrEmpty(voice) ? article.Voice : voice;
        if (ReadingProblem(engines, engine, voice) is { } problem)
        {
            return problem;
        }

        try
        {
            var plan = await planner.PlanAsync(ArticleReader.Parse(article.Source), engine, voice, cancellationToken);
            var tts = engines.NamedOrDefault(plan.Engine);
            return TypedResults.Ok(new ScriptPreview(
                id, plan.Script.Language, plan.Hash, plan.Engine, plan.Script.SpokenCharacters,
                Math.Round(plan.Script.SpokenCharacters * tts.PricePerMillionCharacters / 1_000_000, 4),
                [.. plan.Script.Sentences.Select(s => new ScriptLine(s.Index, s.Paragraph, s.Text, s.Spoken))]));
        }
        catch (ArticleInputException e)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, e.Message);
        }
    }

    private static async Task<Results<Ok<IEnumerable<RenditionHistory>>, ProblemHttpResult>> HistoryAsync(string id, ArticleStore articles, RenditionStore renditions, CancellationToken cancellationToken)
    {
        if (await articles.GetAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound($"article '{Excerpt.Of(id)}'");
        }

        var rows = await renditions.ForArticleAsync(id, cancellationToken);
        return TypedResults.Ok(rows.Select(r => new RenditionHistory(
            r.Id, r.Status, RenditionStatus.IsSettled(r.Status), r.Reason, r.Attempts, r.Queue, r.Engine, r.Voice, r.DurationMs, r.Characters, r.CostUsd,
            DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt), r.FinishedAt is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null,
            RenditionRecord.Read(r.Record, null)?.Verification)));
    }

}

public sealed record RegenerateRequest(string? Voice, string? Engine);

public sealed record AutoRegenerateRequest(bool? Enabled);

/// <summary>Whether the article's audio now follows its edits.</summary>
public sealed record AutoRegenerateState(string ArticleId, bool AutoRegenerate);

/// <param name="Status">The newest rendition's status, or none.</param>
/// <param name="Settled">Nothing is queued, rendering or retrying: the status stays as it is until a render is asked for.</param>
/// <param name="FlaggedSentences">Sentences of the audio listeners hear that verification left for an editor to hear.</param>
/// <param name="ReviewPending">Some of those no editor has accepted yet.</param>
/// <param name="AudioOutdated">The ready audio no longer matches the script read with today's lexicon and spoken forms.</param>
/// <param name="Plays">Plays counted from the player, all days.</param>
/// <param name="Completed">Plays that reached the end.</param>
public sealed record ArticleSummary(
    string Id, string Language, string Title, bool Published, bool AutoRegenerate, string Status, bool Settled, string? Reason,
    long? DurationMs, long Characters, double? CostUsd, long Attempts, long FlaggedSentences, bool ReviewPending, bool AudioOutdated,
    long Plays, long Completed);

public sealed record ScriptPreview(string ArticleId, string Language, string ScriptHash, string Engine, int Characters, double EstimatedCostUsd, IReadOnlyList<ScriptLine> Sentences);

public sealed record ScriptLine(int Index, int Paragraph, string Text, string Spoken);

/// <param name="Settled">The rendition is no longer queued, rendering or retrying.</param>
/// <param name="Verification">What the unit checks found, flagged sentences included; null when the render was not verified.</param>
public sealed record RenditionHistory(
    long Id, string Status, bool Settled, string? Reason, long Attempts, string Queue, string Engine, string? Voice, long? DurationMs, long? Characters,
    double? CostUsd, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, RecordedVerification? Verification);
