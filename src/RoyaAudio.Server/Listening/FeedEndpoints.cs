using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RoyaAudio.Articles;
using RoyaAudio.Editions;
using RoyaAudio.Server.Hosting;
using RoyaAudio.Server.Media;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Storage;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Listening;

/// <summary>
/// <c>GET /feed/{language}.xml</c>: each edition's articles with ready audio as a podcast, and
/// <c>GET /feed/{language}/cover.png</c>: the cover art drawn for an edition that has none of its own.
/// </summary>
public static class FeedEndpoints
{
    /// <summary>Podcast apps show the latest episodes; older articles stay on the site.</summary>
    public const int MaxEpisodes = 100;

    public static void MapPodcastFeeds(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/feed/{language}.xml", ["GET", "HEAD"], GetAsync)
            .WithTags("Listeners").WithSummary("Podcast feed (RSS 2.0 with iTunes tags) of an edition's articles with ready audio, newest article first")
            .Produces(StatusCodes.Status200OK, contentType: "application/rss+xml").ProducesProblem(StatusCodes.Status404NotFound);
        // Apple checks artwork with HEAD requests before it fetches it.
        app.MapMethods("/feed/{language}/cover.png", ["GET", "HEAD"], GetCover)
            .WithTags("Listeners").WithSummary("The edition's default podcast cover art: a 1400 px square PNG in its colours")
            .Produces(StatusCodes.Status200OK, contentType: CoverArt.ContentType).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>What a feed is made from besides the request, bound from DI.</summary>
    private sealed record Feeding(
        FeedStore Episodes, MediaUrls Urls, IOptions<PublicationOptions> Publication, IOptions<FeedOptions> Feeds,
        IOptions<PodcastOptions> Podcast, CoverArt Covers, PublicAddress Address);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(
        string language, HttpContext http, [AsParameters] Feeding services, CancellationToken cancellationToken)
    {
        var (store, urls, publication, feeds, podcast, covers, address) = services;
        if (EditionRegistry.Default.Find(language) is not { } edition)
        {
            return NoFeed(language);
        }

        var request = http.Request;
        var options = publication.Value;
        var show = podcast.Value;
        var service = address.Root(request);
        var disclosure = options.DisclosureFor(language);
        var episodes = await store.EpisodesAsync(language, MaxEpisodes, cancellationToken);
        var items = new List<FeedItem>(episodes.Count);
        foreach (var episode in episodes)
        {
            if (StorageKey.TryParse(episode.Mp3Key, out var key) && episode.Bytes is > 0)
            {
                var updated = DateTimeOffset.FromUnixTimeMilliseconds(episode.FinishedAt ?? 0);
                // One guid per article for life: a corrected article's new audio replaces the episode's enclosure and
                // moves its updated date, and subscribers are not sent the story a second time.
                items.Add(new FeedItem(
                    episode.Title,
                    $"{show.GuidPrefix}:{episode.ArticleId}",
                    episode.Url ?? $"{service}/embed/{Uri.EscapeDataString(episode.ArticleId)}",
                    episode.Summary is { Length: > 0 } summary ? $"{summary}\n\n{disclosure}" : disclosure,
                    episode.PublishedAt is { } published ? DateTimeOffset.FromUnixTimeMilliseconds(published) : updated,
                    updated,
                    urls.For(key, request), episode.Bytes.Value, episode.DurationMs ?? 0));
            }
        }

        var channel = Channel(
            edition, edition.FeedTitle(options.Name), $"/feed/{language}.xml", $"{options.Name} articles read aloud. {disclosure}", service,
            options, feeds.Value, show, covers);
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Bytes(PodcastFeed.Write(channel, items), PodcastFeed.ContentType);
    }

    /// <summary>A channel of this service's: the edition's cover art (drawn or set), the newsroom as author, owner and copyright holder.</summary>
    /// <param name="selfPath">The feed's own path, from the service's root.</param>
    internal static FeedChannel Channel(
        Edition edition, string title, string selfPath, string description, string service, PublicationOptions publication, FeedOptions feeds,
        PodcastOptions show, CoverArt covers)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(show);
        // The drawn cover's address names its content, so an app notices when the edition's colours change.
        var image = show.ImageUrlFor(edition.Code) ?? $"{service}/feed/{edition.Code}/cover.png?v={covers.For(edition).ETag.Trim('"')[..12]}";
        var owner = string.IsNullOrWhiteSpace(show.OwnerEmail) ? null
            : new FeedOwner(string.IsNullOrWhiteSpace(show.OwnerName) ? publication.Name : show.OwnerName.Trim(), show.OwnerEmail.Trim());
        return new FeedChannel(
            title,
            feeds?.SiteUrl?.Trim() is { Length: > 0 } site ? site : service + "/",
            service + selfPath,
            edition.Code,
            description,
            publication.Name,
            image,
            $"© {publication.Name}",
            owner);
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> GetCover(string language, HttpContext http, CoverArt covers)
    {
        if (EditionRegistry.Default.Find(language) is not { } edition)
        {
            return NoFeed(language);
        }

        var cover = covers.For(edition);
        // Drawn the same on every node and in every process, so apps may keep it a day and revalidate by its tag.
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.Bytes(cover.Png, CoverArt.ContentType, entityTag: new EntityTagHeaderValue(cover.ETag));
    }

    private static ProblemHttpResult NoFeed(string language) => Problems.Of(
        StatusCodes.Status404NotFound,
        $"there is no feed for language '{Excerpt.Of(language, 16)}': feeds exist for {string.Join(", ", EditionRegistry.Default.Codes)}");
}
