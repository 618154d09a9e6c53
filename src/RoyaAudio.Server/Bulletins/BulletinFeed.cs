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
    internal sealed record Feeding(
        BulletinStore Bulletins, MediaUrls Urls, IOptions<PublicationOptions> Publication, IOptions<FeedOptions> Feeds,
        IOptions<PodcastOptions> Podcast, CoverArt Covers, PublicAddress Address);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(
        string language, HttpContext http, [AsParameters] Feeding services, CancellationToken cancellationToken)
    {
        if (EditionRegistry.Default.Find(language) is not { } edition)
        {
            return Problems.Of(StatusCodes.Status404NotFound,
                $"there is no bulletin feed for language '{Excerpt.Of(language, 16)}': feeds exist for {string.Join(", ", EditionRegistry.Default.Codes)}");
        }

        var request = http.Request;
        var options = services.Publication.Value;
        var service = services.Address.Root(request);
        var disclosure = options.DisclosureFor(language);
        var show = services.Podcast.Value;
        var items = new List<FeedItem>();
        foreach (var row in await services.Bulletins.ReadyAsync(language, MaxEpisodes, cancellationToken))
        {
            if (StorageKey.TryParse(row.Mp3Key, out var key) && row.Manifest is { } json
                && JsonSerializer.Deserialize<BulletinManifest>(json, RenditionManifest.JsonOptions) is { } manifest)
            {
                // One episode per day for good, dated by its day: a rebuilt day keeps its guid and brings the new file.
                var published = DateTimeOffset.ParseExact(row.Day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
                var stories = string.Join("\n", manifest.Chapters.Select(c => c.Title));
                items.Add(new FeedItem(
                    manifest.Title, $"{show.GuidPrefix}:bulletin:{language}:{row.Day}", $"{service}/embed/bulletin/{language}",
                    $"{stories}\n\n{disclosure}", published, manifest.BuiltAt,
                    services.Urls.For(key, request), row.Bytes ?? 0, manifest.DurationMs));
            }
        }

        var channel = FeedEndpoints.Channel(
            edition, $"{edition.FeedTitle(options.Name)} · {(language == "ar" ? "النشرة اليومية" : "Daily bulletin")}", $"/feed/{language}/bulletin.xml",
            $"The day's {options.Name} stories in one bulletin. {disclosure}", service, options, services.Feeds.Value, show, services.Covers);
        http.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Bytes(PodcastFeed.Write(channel, items), PodcastFeed.ContentType);
    }
}
