using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Listening;

/// <summary>Each language's ready articles as a podcast that apps can read: RSS 2.0, iTunes tags, exact enclosures, the AI disclosure.</summary>
[Collection(ServiceTests.Name)]
public sealed class PodcastFeedTests : IAsyncLifetime
{
    private const string EnglishDisclosure = "AI technology was used to generate this article's audio.";
    private const string ArabicDisclosure = "تم استخدام تقنية الذكاء الاصطناعي لإنتاج الصوت الخاص بهذا المقال.";
    private static readonly XNamespace Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(90);
    private readonly TestPostgres _database = new();
    private TestService _service = null!;
    private HttpClient _http = null!;
    private Cms _cms = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString);
        _http = _service.CreateClient();
        _cms = new Cms(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<(XElement Channel, string Xml)> FeedAsync(string language)
    {
        using var response = await _http.GetAsync($"/feed/{language}.xml");
        var xml = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {xml}");
        Assert.Equal("application/rss+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var rss = XDocument.Parse(xml).Root!;
        Assert.Equal("rss", rss.Name.LocalName);
        Assert.Equal("2.0", (string?)rss.Attribute("version"));
        Assert.Equal(Itunes.NamespaceName, (string?)rss.Attribute(XNamespace.Xmlns + "itunes"));
        var channel = rss.Element("channel")!;
        Assert.Contains("Roya News", (string?)channel.Element("title"), StringComparison.Ordinal);
        Assert.True(Uri.IsWellFormedUriString((string?)channel.Element("link"), UriKind.Absolute));
        Assert.Equal(language, (string?)channel.Element("language"));
        Assert.False(string.IsNullOrWhiteSpace((string?)channel.Element("description")));
        Assert.Equal("Roya News", (string?)channel.Element(Itunes + "author"));
        Assert.Equal("false", (string?)channel.Element(Itunes + "explicit"));
        Assert.Equal("News", (string?)channel.Element(Itunes + "category")?.Attribute("text"));
        return (channel, xml);
    }

    /// <summary>Checks an item's required parts and that its enclosure length is the size of the file its URL serves.</summary>
    private async Task AssertEpisodeAsync(XElement item, string title, string disclosure)
    {
        Assert.Equal(title, (string?)item.Element("title"));
        var guid = item.Element("guid")!;
        Assert.Equal("false", (string?)guid.Attribute("isPermaLink"));
        Assert.False(string.IsNullOrWhiteSpace(guid.Value));
        var published = DateTimeOffset.ParseExact((string)item.Element("pubDate")!, "r", CultureInfo.InvariantCulture);
        Assert.InRange(published, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Contains(disclosure, (string?)item.Element("description"), StringComparison.Ordinal);
        Assert.True(long.Parse((string)item.Element(Itunes + "duration")!, CultureInfo.InvariantCulture) > 0);

        var enclosure = item.Element("enclosure")!;
        Assert.Equal("audio/mpeg", (string?)enclosure.Attribute("type"));
        var url = new Uri((string)enclosure.Attribute("url")!, UriKind.Absolute);
        using var audio = await _http.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, audio.StatusCode);
        var bytes = await audio.Content.ReadAsByteArrayAsync();
        Assert.Equal(long.Parse((string)enclosure.Attribute("length")!, CultureInfo.InvariantCulture), bytes.LongLength);
    }

    [Fact]
    public async Task Each_language_feed_lists_its_ready_articles_with_exact_enclosures_and_the_disclosure()
    {
        const string headline = "Council <script>alert('vote')</script> approves the water plan & more";
        (await _cms.PublishAsync(Cms.Article("council-water-plan", headline))).EnsureSuccessStatusCode();
        var arabic = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "roya-amman-weather-ar.json"));
        var arabicArticle = JsonDocument.Parse(arabic).RootElement;
        var arabicId = arabicArticle.GetProperty("id").GetString()!;
        (await _cms.PublishAsync(arabic)).EnsureSuccessStatusCode();
        (await _cms.PublishAsync(Cms.Article("draft-water-story", "A water story still being written", status: "draft"))).EnsureSuccessStatusCode();
        await _cms.WaitForAsync("council-water-plan", "ready", RenderTimeout);
        await _cms.WaitForAsync(arabicId, "ready", RenderTimeout);

        var (english, englishXml) = await FeedAsync("en");
        var englishItems = english.Elements("item").ToList();
        Assert.Single(englishItems);
        await AssertEpisodeAsync(englishItems[0], headline, EnglishDisclosure);
        // The headline's markup is escaped text, never an element of the feed.
        Assert.DoesNotContain("<script>", englishXml, StringComparison.Ordinal);
        Assert.Empty(english.Descendants("script"));
        Assert.DoesNotContain(arabicId, englishXml, StringComparison.Ordinal);

        var (arabicChannel, arabicXml) = await FeedAsync("ar");
        var arabicItems = arabicChannel.Elements("item").ToList();
        Assert.Single(arabicItems);
        await AssertEpisodeAsync(arabicItems[0], arabicArticle.GetProperty("title").GetString()!, ArabicDisclosure);
        Assert.DoesNotContain("council-water-plan", arabicXml, StringComparison.Ordinal);

        // Unpublished: gone from the feed at once.
        (await _cms.UnpublishAsync(arabicId)).EnsureSuccessStatusCode();
        Assert.Empty((await FeedAsync("ar")).Channel.Elements("item"));
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
}
