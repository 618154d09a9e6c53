using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RoyaAudio.Articles;
using RoyaAudio.Editions;
using RoyaAudio.Server.Hosting;
using RoyaAudio.Server.Media;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Storage;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Listening;

/// <summary><c>GET /feed/{language}.xml</c>: each language's articles with ready audio as a podcast.</summary>
public static class FeedEndpoints
{
    /// <summary>Podcast apps show the latest episodes; older articles stay on the site.</summary>
    public const int MaxEpisodes = 100;

    public static void MapPodcastFeeds(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/feed/{language}.xml", ["GET", "HEAD"], GetAsync)
            .WithTags("Listeners").WithSummary("Podcast feed (RSS 2.0 with iTunes tags) of a language's articles with ready audio, newest first")
            .Produces(StatusCodes.Status200OK, contentType: "application/rss+xml").ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>What a feed is made from besides the request, bound from DI.</summary>
    private sealed record Feeding(FeedStore Episodes, MediaUrls Urls, IOptions<PublicationOptions> Publication, IOptions<FeedOptions> Feeds, PublicAddress Address);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(
        string language, HttpContext http, [AsParameters] Feeding services, CancellationToken cancellationToken)
    {
        var (store, urls, publication, feeds, address) = services;
        if (EditionRegistry.Default.Find(language) is not { } edition)
        {
            return Problems.Of(
                StatusCodes.Status404NotFound,
                $"there is no feed for language '{Excerpt.Of(language, 16)}': feeds exist for {string.Join(", ", EditionRegistry.Default.Codes)}");
        }

        var request = http.Request;
        var episodes = await store.EpisodesAsync(language, MaxEpisodes, cancellationToken);
        var items = new List<FeedItem>(episodes.Count);
        foreach (var episode in episodes)
        {
            if (StorageKey.TryParse(episode.Mp3Key, out var key) && episode.Bytes is > 0)
            {
                // The content hash names the audio itself: an app sees a new episode only when the audio changed.
                items.Add(new FeedItem(
                    episode.Title, $"{episode.ArticleId}/{key.ContentHash}",
                    DateTimeOffset.FromUnixTimeMilliseconds(episode.FinishedAt ?? 0), urls.For(key, request), episode.Bytes.Value, episode.DurationMs ?? 0));
            }
        }

        var options = publication.Value;
        var service = address.Root(request);
        var channel = new FeedChannel(
            edition.FeedTitle(options.Name),
            feeds.Value.SiteUrl?.Trim() is { Length: > 0 } site ? site : service + "/",
            $"{service}/feed/{language}.xml",
            language,
            $"{options.Name} articles read aloud. {options.DisclosureFor(language)}",
            options.Name,
            options.DisclosureFor(language));
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Bytes(PodcastFeed.Write(channel, items), PodcastFeed.ContentType);
    }
}
