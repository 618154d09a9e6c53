using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using CodeHollow.FeedReader;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Listening;

/// <summary>
/// Each edition's ready articles as a podcast Apple Podcasts and Spotify accept: RSS 2.0 a feed parser reads, every
/// tag on Apple's required list, exact enclosures, one guid per article for life, the AI disclosure.
/// </summary>
[Collection(ServiceTests.Name)]
public sealed class PodcastFeedTests : IAsyncLifetime
{
    private const string EnglishDisclosure = "AI technology was used to generate this article's audio.";
    private const string ArabicDisclosure = "تم استخدام تقنية الذكاء الاصطناعي لإنتاج الصوت الخاص بهذا المقال.";
    private const string OwnerEmail = "podcasts@roya-news.example";
    private static readonly XNamespace Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(90);
    private readonly TestPostgres _database = new();
    private TestService _service = null!;
    private HttpClient _http = null!;
    private Cms _cms = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString, new Dictionary<string, string?> { ["Podcast:OwnerEmail"] = OwnerEmail });
        _http = _service.CreateClient();
        _cms = new Cms(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>An article as the CMS sends it with its page, summary and publication time.</summary>
    private static JsonObject Listed(string id, string title, string publishedAt, int paragraphs = 2)
    {
        var article = Cms.Article(id, title, paragraphs);
        article["url"] = $"https://en.roya-news.example/news/{id}";
        article["summary"] = new JsonArray("The council approved the plan.", "Work starts within weeks.");
        article["publishedAt"] = publishedAt;
        return article;
    }

    /// <summary>
    /// Fetches a feed, checks that a real feed parser reads it as RSS 2.0 with its items, and that the channel carries
    /// Apple's required show tags and the recommended ones this service writes.
    /// </summary>
    private async Task<(XElement Channel, string Xml)> FeedAsync(string language)
    {
        using var response = await _http.GetAsync($"/feed/{language}.xml");
        var xml = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {xml}");
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);

        var parsed = FeedReader.ReadFromString(xml);
        Assert.Equal(FeedType.Rss_2_0, parsed.Type);
        Assert.Contains("Roya News", parsed.Title, StringComparison.Ordinal);
        Assert.Equal(language, parsed.Language);

        var rss = XDocument.Parse(xml).Root!;
        Assert.Equal("rss", rss.Name.LocalName);
        Assert.Equal("2.0", (string?)rss.Attribute("version"));
        Assert.Equal(Itunes.NamespaceName, (string?)rss.Attribute(XNamespace.Xmlns + "itunes"));
        var channel = rss.Element("channel")!;
        Assert.Equal(parsed.Items.Count, channel.Elements("item").Count());
        // Apple's required show tags.
        Assert.Contains("Roya News", (string?)channel.Element("title"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace((string?)channel.Element("description")));
        var image = (string?)channel.Element(Itunes + "image")?.Attribute("href");
        Assert.True(Uri.IsWellFormedUriString(image, UriKind.Absolute), $"itunes:image href '{image}'");
        Assert.Equal(language, (string?)channel.Element("language"));
        Assert.Equal("News", (string?)channel.Element(Itunes + "category")?.Attribute("text"));
        Assert.Equal("false", (string?)channel.Element(Itunes + "explicit"));
        // The recommended and situational ones.
        Assert.True(Uri.IsWellFormedUriString((string?)channel.Element("link"), UriKind.Absolute));
        Assert.Equal("Roya News", (string?)channel.Element(Itunes + "author"));
        Assert.Equal("Roya News", (string?)channel.Element(Itunes + "owner")?.Element(Itunes + "name"));
        Assert.Equal(OwnerEmail, (string?)channel.Element(Itunes + "owner")?.Element(Itunes + "email"));
        Assert.Equal("episodic", (string?)channel.Element(Itunes + "type"));
        Assert.Contains("Roya News", (string?)channel.Element("copyright"), StringComparison.Ordinal);
        Assert.Equal(image, (string?)channel.Element("image")?.Element("url"));
        Assert.Equal((string?)channel.Element("title"), (string?)channel.Element("image")?.Element("title"));
        Assert.Equal((string?)channel.Element("link"), (string?)channel.Element("image")?.Element("link"));
        return (channel, xml);
    }

    /// <summary>
    /// Checks an item's required and recommended tags, and that its enclosure length is the size of the file its URL
    /// serves; returns the item's guid, enclosure URL and updated date.
    /// </summary>
    private async Task<(string Guid, string Audio, DateTimeOffset Updated)> AssertEpisodeAsync(
        XElement item, string title, string link, string description, DateTimeOffset published)
    {
        Assert.Equal(title, (string?)item.Element("title"));
        Assert.Equal(link, (string?)item.Element("link"));
        var guid = item.Element("guid")!;
        Assert.Equal("false", (string?)guid.Attribute("isPermaLink"));
        Assert.False(string.IsNullOrWhiteSpace(guid.Value));
        Assert.Equal(published, DateTimeOffset.ParseExact((string)item.Element("pubDate")!, "r", CultureInfo.InvariantCulture));
        Assert.Equal(description, (string?)item.Element("description"));
        Assert.True(long.Parse((string)item.Element(Itunes + "duration")!, CultureInfo.InvariantCulture) > 0);
        Assert.Equal("full", (string?)item.Element(Itunes + "episodeType"));
        Assert.Equal("false", (string?)item.Element(Itunes + "explicit"));
        var updated = DateTimeOffset.Parse((string)item.Element(Atom + "updated")!, CultureInfo.InvariantCulture);

        var enclosure = item.Element("enclosure")!;
        Assert.Equal("audio/mpeg", (string?)enclosure.Attribute("type"));
        var url = new Uri((string)enclosure.Attribute("url")!, UriKind.Absolute);
        using var audio = await _http.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        var bytes = await audio.Content.ReadAsByteArrayAsync();
        Assert.Equal(long.Parse((string)enclosure.Attribute("length")!, CultureInfo.InvariantCulture), bytes.LongLength);
        return (guid.Value, url.ToString(), updated);
    }

    [Fact]
    public async Task Both_editions_feeds_parse_carry_Apples_required_tags_and_list_articles_by_publication_newest_first()
    {
        const string headline = "Council <script>alert('vote')</script> approves the water plan & more";
        // The newer article is published (and so rendered) first: the feed still lists by publication, not by audio.
        (await _cms.PublishAsync(Listed("council-water-plan", headline, "2026-11-20T09:00:00Z"))).EnsureSuccessStatusCode();
        await _cms.WaitForAsync("council-water-plan", "ready", RenderTimeout);
        (await _cms.PublishAsync(Listed("older-budget-story", "Budget talks resume", "2026-11-10T06:15:00+03:00"))).EnsureSuccessStatusCode();
        var arabic = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "roya-amman-weather-ar.json"));
        var arabicArticle = JsonDocument.Parse(arabic).RootElement;
        var arabicId = arabicArticle.GetProperty("id").GetString()!;
        (await _cms.PublishAsync(arabic)).EnsureSuccessStatusCode();
        (await _cms.PublishAsync(Cms.Article("draft-water-story", "A water story still being written", status: "draft"))).EnsureSuccessStatusCode();
        await _cms.WaitForAsync("older-budget-story", "ready", RenderTimeout);
        await _cms.WaitForAsync(arabicId, "ready", RenderTimeout);

        var (english, englishXml) = await FeedAsync("en");
        var englishItems = english.Elements("item").ToList();
        Assert.Equal(2, englishItems.Count);
        var summary = "The council approved the plan.\nWork starts within weeks.";
        var (guid, _, _) = await AssertEpisodeAsync(
            englishItems[0], headline, "https://en.roya-news.example/news/council-water-plan", $"{summary}\n\n{EnglishDisclosure}",
            DateTimeOffset.Parse("2026-11-20T09:00:00Z", CultureInfo.InvariantCulture));
        Assert.Equal("roya-audio:council-water-plan", guid);
        await AssertEpisodeAsync(
            englishItems[1], "Budget talks resume", "https://en.roya-news.example/news/older-budget-story", $"{summary}\n\n{EnglishDisclosure}",
            DateTimeOffset.Parse("2026-11-10T03:15:00Z", CultureInfo.InvariantCulture));
        var parsed = FeedReader.ReadFromString(englishXml);
        Assert.Equal(["roya-audio:council-water-plan", "roya-audio:older-budget-story"], parsed.Items.Select(i => i.Id));
        Assert.Equal("https://en.roya-news.example/news/council-water-plan", parsed.Items[0].Link);
        // The headline's markup is escaped text, never an element of the feed.
        Assert.DoesNotContain("<script>", englishXml, StringComparison.Ordinal);
        Assert.Empty(english.Descendants("script"));
        Assert.DoesNotContain(arabicId, englishXml, StringComparison.Ordinal);
        Assert.DoesNotContain("draft-water-story", englishXml, StringComparison.Ordinal);

        // The Arabic sample has publishedAt but no page or summary: the episode links to the service's own player page.
        var (arabicChannel, arabicXml) = await FeedAsync("ar");
        var arabicItems = arabicChannel.Elements("item").ToList();
        Assert.Single(arabicItems);
        var embed = $"{(string)arabicChannel.Element(Atom + "link")!.Attribute("href")!.Value.Replace("/feed/ar.xml", "", StringComparison.Ordinal)}/embed/{arabicId}";
        await AssertEpisodeAsync(
            arabicItems[0], arabicArticle.GetProperty("title").GetString()!, embed, ArabicDisclosure,
            DateTimeOffset.Parse(arabicArticle.GetProperty("publishedAt").GetString()!, CultureInfo.InvariantCulture));
        Assert.DoesNotContain("council-water-plan", arabicXml, StringComparison.Ordinal);

        // Unpublished: gone from the feed at once.
        (await _cms.UnpublishAsync(arabicId)).EnsureSuccessStatusCode();
        Assert.Empty((await FeedAsync("ar")).Channel.Elements("item"));
    }

    [Fact]
    public async Task A_corrected_article_keeps_its_guid_and_publication_date_while_its_enclosure_and_updated_date_move()
    {
        var published = DateTimeOffset.Parse("2026-11-25T12:00:00Z", CultureInfo.InvariantCulture);
        (await _cms.PublishAsync(Listed("bridge-closure", "Bridge closes for repairs", "2026-11-25T12:00:00Z"))).EnsureSuccessStatusCode();
        var first = await _cms.WaitForAsync("bridge-closure", "ready", RenderTimeout);
        var before = (await FeedAsync("en")).Channel.Element("item")!;
        var description = $"The council approved the plan.\nWork starts within weeks.\n\n{EnglishDisclosure}";
        var (guid, audio, updated) = await AssertEpisodeAsync(
            before, "Bridge closes for repairs", "https://en.roya-news.example/news/bridge-closure", description, published);

        // The newsroom corrects the body: new audio, the same story.
        var firstUrl = first.GetProperty("audio").GetProperty("url").GetString();
        (await _cms.PublishAsync(Listed("bridge-closure", "Bridge closes for repairs", "2026-11-25T12:00:00Z", paragraphs: 3))).EnsureSuccessStatusCode();
        await _cms.WaitForAsync("bridge-closure", "ready", RenderTimeout, a => a.GetProperty("audio").GetProperty("url").GetString() != firstUrl);

        var after = (await FeedAsync("en")).Channel.Elements("item").ToList();
        Assert.Single(after);
        var (guidAfter, audioAfter, updatedAfter) = await AssertEpisodeAsync(
            after[0], "Bridge closes for repairs", "https://en.roya-news.example/news/bridge-closure", description, published);
        Assert.Equal(guid, guidAfter);
        Assert.NotEqual(audio, audioAfter);
        Assert.True(updatedAfter > updated, $"updated {updated:O} then {updatedAfter:O}");
    }

    [Fact]
    public async Task The_drawn_cover_is_a_square_RGB_PNG_Apple_accepts_served_with_a_tag_and_named_by_the_channel()
    {
        var covers = new List<byte[]>();
        foreach (var language in new[] { "en", "ar" })
        {
            var image = new Uri((string)(await FeedAsync(language)).Channel.Element(Itunes + "image")!.Attribute("href")!, UriKind.Absolute);
            Assert.Equal($"/feed/{language}/cover.png", image.AbsolutePath);
            using var response = await _http.GetAsync(image.PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.CacheControl?.Public);
            var tag = response.Headers.ETag;
            Assert.NotNull(tag);
            var png = await response.Content.ReadAsByteArrayAsync();
            var (width, height, colourType) = PngHeader(png);
            Assert.Equal(width, height);
            Assert.InRange(width, 1400, 3000);
            // Truecolour without alpha: RGB, as Apple asks.
            Assert.Equal(2, colourType);
            using (var decoded = SkiaSharp.SKBitmap.Decode(png))
            {
                Assert.NotNull(decoded);
                Assert.Equal((width, height), (decoded.Width, decoded.Height));
            }

            covers.Add(png);

            // Apple checks artwork with HEAD; an app holding the tag is told the cover has not changed.
            using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, image.PathAndQuery));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            using var again = new HttpRequestMessage(HttpMethod.Get, image.PathAndQuery);
            again.Headers.IfNoneMatch.Add(tag);
            using var unchanged = await _http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        }

        // Each edition's show has its own colours.
        Assert.NotEqual(covers[0], covers[1]);
        using var unknown = await _http.GetAsync("/feed/fr/cover.png");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_language_without_ready_audio_has_an_empty_feed_and_an_unknown_language_has_none()
    {
        Assert.Empty((await FeedAsync("en")).Channel.Elements("item"));

        foreach (var language in new[] { "fr", "EN", "en-US", "en%2F..%2Far" })
        {
            using var response = await _http.GetAsync($"/feed/{language}.xml");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    /// <summary>Width, height and colour type from a PNG's signature and IHDR chunk, read as the format defines them.</summary>
    internal static (int Width, int Height, byte ColourType) PngHeader(byte[] png)
    {
        Assert.True(png.Length > 33, "too short for a PNG");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (
            System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)),
            System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)),
            png[25]);
    }
}
