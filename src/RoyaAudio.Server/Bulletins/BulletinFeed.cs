using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RoyaAudio.Articles;
using RoyaAudio.Bulletins;
using RoyaAudio.Editions;
using RoyaAudio.Rendering;
using RoyaAudio.Server.Hosting;
using RoyaAudio.Server.Listening;
using RoyaAudio.Server.Media;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Storage;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Bulletins;

/// <summary><c>GET /feed/{language}/bulletin.xml</c>: a language's daily bulletins as a podcast, one episode a day.</summary>
internal static class BulletinFeed
{
    public const int MaxEpisodes = 30;

    /// <summary>What the feed is made from besides the request, bound from DI.</summary>
    internal sealed record Feeding(BulletinStore Bulletins, MediaUrls Urls, IOptions<PublicationOptions> Publication, IOptions<FeedOptions> Feeds, PublicAddress Address);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(
        string language, HttpContext http, [AsParameters] Feeding services, CancellationToken cancellationToken)
    {
        if (EditionRegistry.Default.Find(language) is not { } edition)
        {
            return Problems.Of(StatusCodes.Status404NotFound,
                $"there is no bulletin feed for language '{Excerpt.Of(language, 16)}': feeds exist for {string.Join(", ", EditionRegistry.Default.Codes)}");
        }

        var request = http.Request;
        var items = new List<FeedItem>();
        foreach (var row in await services.Bulletins.ReadyAsync(language, MaxEpisodes, cancellationToken))
        {
            if (StorageKey.TryParse(row.Mp3Key, out var key) && row.Manifest is { } json
                && JsonSerializer.Deserialize<BulletinManifest>(json, RenditionManifest.JsonOptions) is { } manifest)
            {
                // One episode per day for good: a rebuilt day keeps its guid and brings the new file.
                items.Add(new FeedItem(manifest.Title, $"bulletin/{language}/{row.Day}", manifest.BuiltAt, services.Urls.For(key, request), row.Bytes ?? 0, manifest.DurationMs));
            }
        }

        var options = services.Publication.Value;
        var service = services.Address.Root(request);
        var disclosure = options.DisclosureFor(language);
        var channel = new FeedChannel(
            $"{edition.FeedTitle(options.Name)} · {(language == "ar" ? "النشرة اليومية" : "Daily bulletin")}",
            services.Feeds.Value.SiteUrl?.Trim() is { Length: > 0 } site ? site : service + "/",
            $"{service}/feed/{language}/bulletin.xml",
            language,
            $"The day's {options.Name} stories in one bulletin. {disclosure}",
            options.Name,
            disclosure);
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Bytes(PodcastFeed.Write(channel, items), PodcastFeed.ContentType);
    }
}
