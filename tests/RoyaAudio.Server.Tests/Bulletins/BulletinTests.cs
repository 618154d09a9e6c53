using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using RoyaAudio.Server.Tests.Support;
using RoyaAudio.SpeechServer;
using RoyaAudio.Tests;

namespace RoyaAudio.Server.Tests.Bulletins;

/// <summary>
/// The daily bulletin on PostgreSQL with a remote voice whose every request is seen: stories' existing audio joined
/// under one loudness, chapters where each story is heard, and nothing of the stories bought again.
/// </summary>
[Collection(ServiceTests.Name)]
public sealed class BulletinTests : IAsyncLifetime
{
    private const string SpeechKey = "bulletin-speech-key";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(150);
    private readonly TestPostgres _database = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("roya-bulletin-").FullName;
    private string? _previousKey;
    private LocalSpeechServer _speech = null!;
    private TestService _service = null!;
    private HttpClient _http = null!;
    private Cms _cms = null!;
    private EditorCalls _editor = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _speech = await LocalSpeechServer.StartAsync(new SpeechServerOptions { ApiKey = SpeechKey });
        _previousKey = Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY");
        Environment.SetEnvironmentVariable("AZURE_OPENAI_API_KEY", SpeechKey);
        _service = new TestService(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Tts:Provider"] = "azure-openai",
            ["Tts:AzureOpenAI:Endpoint"] = _speech.BaseAddress.ToString(),
            ["Tts:AzureOpenAI:Deployment"] = "newsroom-tts",
            ["Tts:AzureOpenAI:RequestsPerMinute"] = "100000",
            ["Tts:AzureOpenAI:RequestTimeoutSeconds"] = "20",
            ["Bulletin:en:TimeZone"] = "Asia/Amman",
            ["Bulletin:en:MaxStories"] = "5",
        });
        _http = _service.CreateClient();
        _cms = new Cms(_http);
        _editor = new EditorCalls(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        Environment.SetEnvironmentVariable("AZURE_OPENAI_API_KEY", _previousKey);
        await _speech.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task PublishReadyAsync(params (string Id, string Title)[] stories)
    {
        foreach (var (id, title) in stories)
        {
            (await _cms.PublishAsync(Cms.Article(id, title, paragraphs: 2))).EnsureSuccessStatusCode();
            await _cms.WaitForAsync(id, "ready", Timeout);
        }
    }

    private async Task<JsonElement> BuildAsync()
    {
        using var build = await _editor.SendAsync(HttpMethod.Post, "/api/bulletins/en");
        Assert.Equal(HttpStatusCode.Accepted, build.StatusCode);
        var id = JsonDocument.Parse(await build.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var deadline = DateTime.UtcNow + Timeout;
        JsonElement latest = default;
        while (DateTime.UtcNow < deadline)
        {
            latest = JsonDocument.Parse(await _http.GetStringAsync("/api/bulletins/en/latest")).RootElement;
            Assert.NotEqual("failed", latest.GetProperty("status").GetString());
            if (latest.GetProperty("status").GetString() == "ready" && !latest.GetProperty("updating").GetBoolean())
            {
                return latest;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"bulletin {id} was not ready within {Timeout}; last answer {latest}");
    }

    private async Task<string> DownloadAsync(JsonElement latest, string name)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllBytesAsync(path, await _http.GetByteArrayAsync(latest.GetProperty("url").GetString()));
        return path;
    }

    [Fact]
    public async Task Three_ready_stories_make_one_bulletin_whose_chapters_start_where_each_story_is_heard_with_no_story_synthesised_again()
    {
        await PublishReadyAsync(("water-plan", "Council approves the water plan"), ("bus-lanes", "New bus lanes open downtown"), ("library", "The city library reopens"));
        var before = _speech.Requests.Count;

        var latest = await BuildAsync();

        // Only the opening is new: the AI note at the end was bought with the first story and comes from the cache.
        var bought = _speech.Requests.Skip(before).Where(r => r.Path.EndsWith("/audio/speech", StringComparison.Ordinal)).ToList();
        Assert.Single(bought);
        Assert.StartsWith("Here is the news bulletin for ", bought[0].Input, StringComparison.Ordinal);

        var chapters = latest.GetProperty("chapters").EnumerateArray().ToList();
        Assert.Equal(["library", "bus-lanes", "water-plan"], chapters.Select(c => c.GetProperty("articleId").GetString())); // newest first
        Assert.Equal("The city library reopens", chapters[0].GetProperty("title").GetString());

        var mp3 = await DownloadAsync(latest, "bulletin.mp3");
        var durationMs = latest.GetProperty("durationMs").GetInt64();
        Assert.InRange(AudioProbe.DecodedSeconds(mp3) - durationMs / 1000.0, -0.05, 0.05);
        var (lufs, truePeak) = AudioProbe.Loudness(mp3);
        Assert.InRange(lufs, -17.0, -15.0);
        Assert.True(truePeak <= -1.0, $"true peak {truePeak} dBTP");

        // Checked by the waveform: each chapter starts where speech resumes after the pause before it, and lasts as
        // long as its story's own audio does from first sentence to last.
        var speechStarts = AudioProbe.Silences(mp3, noiseDb: -50, minSeconds: 0.3).Select(s => s.End).ToList();
        foreach (var chapter in chapters)
        {
            var start = chapter.GetProperty("startMs").GetInt64() / 1000.0;
            var nearest = speechStarts.MinBy(s => Math.Abs(s - start));
            Assert.True(Math.Abs(nearest - start) <= 0.1, $"chapter {chapter.GetProperty("articleId")} starts at {start:F3} s; speech resumes at {nearest:F3} s");

            var story = JsonDocument.Parse(await _http.GetStringAsync($"/api/articles/{chapter.GetProperty("articleId").GetString()}/audio")).RootElement
                .GetProperty("audio").GetProperty("sentences").EnumerateArray().ToList();
            var storyMs = story[^1].GetProperty("endMs").GetInt64() - story[0].GetProperty("startMs").GetInt64();
            var chapterMs = chapter.GetProperty("endMs").GetInt64() - chapter.GetProperty("startMs").GetInt64();
            Assert.InRange(chapterMs - storyMs, -250, 250);
        }

        // The same chapters travel in the file, where podcast apps read them.
        var tagged = AudioProbe.Chapters(mp3);
        Assert.Equal(chapters.Select(c => c.GetProperty("title").GetString()), tagged.Select(c => c.Title));
        Assert.All(chapters.Zip(tagged), pair => Assert.InRange(pair.Second.Start * 1000 - pair.First.GetProperty("startMs").GetInt64(), -1, 1));
    }

    [Fact]
    public async Task An_editors_pick_sets_the_stories_and_their_order_and_a_story_without_audio_is_refused_by_name()
    {
        await PublishReadyAsync(("market", "Market prices steady"), ("stadium", "Stadium plans unveiled"), ("rain", "Rain expected this week"));

        using var refused = await _editor.SendAsync(HttpMethod.Put, "/api/bulletins/en/pick", new { articleIds = (string[])["market", "no-such-story"] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("'no-such-story'", await EditorCalls.ProblemDetailAsync(refused), StringComparison.Ordinal);

        using var picked = await _editor.SendAsync(HttpMethod.Put, "/api/bulletins/en/pick", new { articleIds = (string[])["market", "rain"] });
        Assert.Equal(HttpStatusCode.OK, picked.StatusCode);
        var latest = await BuildAsync();
        Assert.Equal(["market", "rain"], latest.GetProperty("chapters").EnumerateArray().Select(c => c.GetProperty("articleId").GetString()));
    }

    [Fact]
    public async Task The_bulletin_has_its_own_feed_and_embed_and_only_editors_may_build_or_pick()
    {
        using var anonymous = await _http.PostAsync("/api/bulletins/en", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var unknown = await _editor.SendAsync(HttpMethod.Post, "/api/bulletins/xx");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var noneAnswer = await _http.GetAsync("/api/bulletins/ar/latest");
        var none = JsonDocument.Parse(await noneAnswer.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("none", none.GetProperty("status").GetString());
        // Article sites read it, so browsers may use it from another site; the editors' routes beside it stay same-site.
        Assert.Equal("cross-origin", noneAnswer.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
        using var editors = await _editor.SendAsync(HttpMethod.Put, "/api/bulletins/ar/pick", new { articleIds = Array.Empty<string>() });
        Assert.Equal("same-site", editors.Headers.GetValues("Cross-Origin-Resource-Policy").Single());

        await PublishReadyAsync(("harbour", "Harbour reopens after storm"));
        var latest = await BuildAsync();

        var xml = await _http.GetStringAsync("/feed/en/bulletin.xml");
        Assert.Equal(CodeHollow.FeedReader.FeedType.Rss_2_0, CodeHollow.FeedReader.FeedReader.ReadFromString(xml).Type);
        var feed = XDocument.Parse(xml);
        XNamespace itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
        var channel = feed.Root!.Element("channel")!;
        Assert.True(Uri.IsWellFormedUriString((string?)channel.Element(itunes + "image")?.Attribute("href"), UriKind.Absolute));
        Assert.Equal("News", (string?)channel.Element(itunes + "category")?.Attribute("text"));
        var item = Assert.Single(feed.Descendants("item"));
        Assert.Equal(latest.GetProperty("url").GetString(), (string?)item.Element("enclosure")?.Attribute("url"));
        Assert.Equal(latest.GetProperty("title").GetString(), (string?)item.Element("title"));
        Assert.Contains("Harbour reopens after storm", (string?)item.Element("description"), StringComparison.Ordinal);
        var guid = (string?)item.Element("guid");

        // Built again the same day: still one episode, under the same guid.
        await BuildAsync();
        var again = Assert.Single(XDocument.Parse(await _http.GetStringAsync("/feed/en/bulletin.xml")).Descendants("item"));
        Assert.Equal(guid, (string?)again.Element("guid"));

        using var embed = await _http.GetAsync("/embed/bulletin/en");
        var page = await embed.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, embed.StatusCode);
        Assert.Contains("Harbour reopens after storm", page, StringComparison.Ordinal);
        Assert.Contains("AI technology was used", page, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", embed.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
