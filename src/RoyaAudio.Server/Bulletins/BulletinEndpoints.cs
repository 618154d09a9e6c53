using System.Security.Claims;
using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RoyaAudio.Articles;
using RoyaAudio.Bulletins;
using RoyaAudio.Editions;
using RoyaAudio.Rendering;
using RoyaAudio.Server.Jobs;
using RoyaAudio.Server.Media;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Security;
using RoyaAudio.Server.Storage;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Bulletins;

/// <summary>
/// The daily bulletin: editors build today's now or pick its stories; listeners get the newest one with its
/// chapters, as JSON, as a podcast feed and as a page to frame.
/// </summary>
public static class BulletinEndpoints
{
    public static void MapBulletins(this IEndpointRouteBuilder app)
    {
        var editors = app.MapGroup("/api/bulletins/{language}").WithTags("Editors").RequireAuthorization(Policies.Editor);
        editors.MapPost("", BuildAsync)
            .WithSummary("Build today's bulletin now (the editor's pick, else the newest stories of the last 24 hours); answers at once")
            .ProducesProblem(StatusCodes.Status404NotFound);
        editors.MapPut("/pick", PickAsync)
            .WithSummary("Choose today's bulletin stories and their order: {\"articleIds\": [...]}, each a published article with ready audio")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapMethods("/api/bulletins/{language}/latest", ["GET", "HEAD"], LatestAsync).WithTags("Listeners")
            .RequireCors(Hosting.ServiceSetup.ArticleSites).RequireRateLimiting(RateLimitOptions.Public)
            .WithSummary("The newest bulletin: status, MP3 URL, duration and chapters (articleId, title, startMs)")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapMethods("/feed/{language}/bulletin.xml", ["GET", "HEAD"], BulletinFeed.GetAsync).WithTags("Listeners")
            .WithSummary("Podcast feed of a language's daily bulletins, newest first")
            .Produces(StatusCodes.Status200OK, contentType: "application/rss+xml").ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/embed/bulletin/{language}", BulletinEmbed.RenderAsync).WithTags("Listeners").RequireRateLimiting(RateLimitOptions.Public)
            .WithSummary("The newest bulletin as a page to frame: the audio, its chapters and the AI note; works without JavaScript")
            .Produces(StatusCodes.Status200OK, contentType: "text/html");
        app.MapGet("/embed/bulletin.js", BulletinEmbed.Script).ExcludeFromDescription();
    }

    private static ProblemHttpResult UnknownEdition(string language) => Problems.Of(
        StatusCodes.Status404NotFound,
        $"there is no bulletin for language '{Excerpt.Of(language, 16)}': bulletins exist for {string.Join(", ", EditionRegistry.Default.Codes)}");

    /// <summary>What building or picking needs besides the request, bound from DI.</summary>
    private sealed record Editing(BulletinStore Bulletins, IBackgroundJobClient Jobs, IOptions<BulletinOptions> Options, TimeProvider Clock);

    private static async Task<Results<Accepted<BulletinBuild>, ProblemHttpResult>> BuildAsync(
        string language, ClaimsPrincipal user, [AsParameters] Editing services, CancellationToken cancellationToken)
    {
        var (bulletins, jobs, options, clock) = services;
        if (EditionRegistry.Default.Find(language) is null)
        {
            return UnknownEdition(language);
        }

        var row = await bulletins.CreateAsync(language, BulletinJob.Today(options.Value.For(language), clock), user.Identity?.Name ?? "editor", cancellationToken);
        jobs.Create<BulletinJob>(j => j.BuildAsync(row.Id, CancellationToken.None), new Hangfire.States.EnqueuedState(Queues.Editor));
        return TypedResults.Accepted($"/api/bulletins/{language}/latest", new BulletinBuild(row.Id, language, row.Day, row.Status));
    }

    private static async Task<Results<Ok<BulletinPick>, ProblemHttpResult>> PickAsync(
        string language, BulletinPick pick, ClaimsPrincipal user, [AsParameters] Editing services, CancellationToken cancellationToken)
    {
        var (bulletins, _, options, clock) = services;
        if (EditionRegistry.Default.Find(language) is null)
        {
            return UnknownEdition(language);
        }

        var edition = options.Value.For(language);
        var ids = (pick.ArticleIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0 || ids.Count > edition.MaxStories)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity,
                $"articleIds must name 1 to {edition.MaxStories} articles (Bulletin:{language}:MaxStories); it named {ids.Count}");
        }

        var usable = (await bulletins.StoriesAsync(language, ids, cancellationToken)).Select(c => c.ArticleId).ToHashSet(StringComparer.Ordinal);
        var refused = ids.Where(id => !usable.Contains(id)).ToList();
        if (refused.Count > 0)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity,
                $"not published {language} articles with ready audio: {string.Join(", ", refused.Take(10).Select(id => $"'{Excerpt.Of(id, 40)}'"))}");
        }

        var day = BulletinJob.Today(edition, clock);
        await bulletins.SetPickAsync(language, day, ids, user.Identity?.Name ?? "editor", cancellationToken);
        return TypedResults.Ok(new BulletinPick(ids, day));
    }

    /// <summary>What answering for a bulletin needs besides the request, bound from DI.</summary>
    private sealed record Answering(BulletinStore Bulletins, MediaUrls Urls, IOptions<PublicationOptions> Publication);

    private static async Task<Results<Ok<LatestBulletin>, ProblemHttpResult>> LatestAsync(
        string language, HttpRequest request, [AsParameters] Answering services, CancellationToken cancellationToken)
    {
        if (EditionRegistry.Default.Find(language) is null)
        {
            return UnknownEdition(language);
        }

        var latest = await Latest.ReadAsync(services.Bulletins, services.Urls, language, request, cancellationToken);
        var disclosure = services.Publication.Value.DisclosureFor(language);
        return TypedResults.Ok(latest with { Disclosure = disclosure });
    }
}

/// <summary>The answer to building a bulletin: its id and state, to follow on <c>/latest</c>.</summary>
public sealed record BulletinBuild(long Id, string Language, string Day, string Status);

/// <param name="Day">Set in the answer: the edition's local day the pick is for.</param>
public sealed record BulletinPick(IReadOnlyList<string>? ArticleIds, string? Day = null);

/// <param name="Status">ready, queued, building, failed or none (never built).</param>
/// <param name="Updating">A newer build is on its way; the ready one plays until it is done.</param>
public sealed record LatestBulletin(
    string Language, string Status, bool Updating, string? Day, string? Title, string? Url, long? DurationMs, long? Bytes,
    IReadOnlyList<BulletinChapter> Chapters, DateTimeOffset? BuiltAt, string? Disclosure, string? Reason);

/// <summary>Reads the newest bulletin as listeners see it.</summary>
internal static class Latest
{
    public static async Task<LatestBulletin> ReadAsync(BulletinStore store, MediaUrls urls, string language, HttpRequest request, CancellationToken cancellationToken)
    {
        var (newest, ready) = await store.LatestAsync(language, cancellationToken);
        if (ready is { Mp3Key: { } key, Manifest: { } json } && JsonSerializer.Deserialize<BulletinManifest>(json, RenditionManifest.JsonOptions) is { } manifest)
        {
            var building = newest is not null && newest.Id != ready.Id && newest.Status is BulletinStatus.Queued or BulletinStatus.Building;
            return new LatestBulletin(language, BulletinStatus.Ready, building, ready.Day, manifest.Title, urls.For(StorageKey.Parse(key), request),
                manifest.DurationMs, ready.Bytes, manifest.Chapters, manifest.BuiltAt, null, null);
        }

        return new LatestBulletin(language, newest?.Status ?? "none", false, newest?.Day, null, null, null, null, [], null, null,
            newest?.Status == BulletinStatus.Failed ? newest.Reason : null);
    }
}
