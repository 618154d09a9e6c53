using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RoyaAudio.Server.Jobs;
using RoyaAudio.Server.Tests.Support;
using RoyaAudio.Tests;
using System.Text;

namespace RoyaAudio.Server.Tests.Articles;

/// <summary>The CMS publishes, workers render on PostgreSQL, listeners fetch: the whole path through the real service.</summary>
[Collection(ServiceTests.Name)]
public sealed class PublishingTests : IAsyncLifetime
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(90);
    private readonly TestPostgres _database = new();
    private TestService _service = null!;
    private HttpClient _http = null!;
    private Cms _cms = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString, new Dictionary<string, string?> { ["Storage:CollectAfterMinutes"] = "0" });
        _http = _service.CreateClient();
        _cms = new Cms(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<byte[]> FetchAsync(string url, RangeHeaderValue? range = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url).PathAndQuery);
        request.Headers.Range = range;
        using var response = await _http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task A_published_article_becomes_ready_and_its_MP3_is_served_in_ranges_and_decodes_to_the_stated_duration()
    {
        var sample = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "roya-putin-iran.json"));
        var id = JsonDocument.Parse(sample).RootElement.GetProperty("id").GetString()!;

        using var accepted = await _cms.PublishAsync(sample);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var answer = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("queued", answer.GetProperty("status").GetString());
        Assert.True(answer.GetProperty("changed").GetBoolean());

        var ready = await _cms.WaitForAsync(id, "ready", RenderTimeout);
        var audio = ready.GetProperty("audio");
        Assert.Equal("AI technology was used to generate this article's audio.", ready.GetProperty("disclosure").GetString());
        Assert.Equal("en", ready.GetProperty("language").GetString());
        Assert.InRange(audio.GetProperty("sentences").GetArrayLength(), 8, 200);

        var url = audio.GetProperty("url").GetString()!;
        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url).PathAndQuery))
        {
            request.Headers.Range = new RangeHeaderValue(1000, 1999);
            using var partial = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal("audio/mpeg", partial.Content.Headers.ContentType?.MediaType);
            Assert.Equal(1000, (await partial.Content.ReadAsByteArrayAsync()).Length);
            Assert.Equal(1000, partial.Content.Headers.ContentRange?.From);
            Assert.NotNull(partial.Headers.ETag);
            Assert.Contains("immutable", partial.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
            Assert.Equal(31536000, partial.Headers.CacheControl?.MaxAge?.TotalSeconds);
        }

        var whole = await FetchAsync(url);
        Assert.Equal(audio.GetProperty("bytes").GetInt64(), whole.Length);
        var decoded = AudioProbe.DecodedSeconds(whole);
        Assert.InRange(decoded * 1000, audio.GetProperty("durationMs").GetInt64() - 50, audio.GetProperty("durationMs").GetInt64() + 50);

        var captions = Encoding.UTF8.GetString(await FetchAsync(audio.GetProperty("captionsUrl").GetString()!));
        Assert.StartsWith("WEBVTT", captions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Republishing_an_unchanged_script_renders_nothing_and_an_edit_renders_again_while_the_old_URL_works_until_collected()
    {
        var article = Cms.Article("council-water-plan", "Council approves the water plan");
        (await _cms.PublishAsync(article)).EnsureSuccessStatusCode();
        var first = await _cms.WaitForAsync("council-water-plan", "ready", RenderTimeout);
        var oldUrl = first.GetProperty("audio").GetProperty("url").GetString()!;

        // Same text, other metadata: the script hash is unchanged.
        article["url"] = "https://example.org/council-water-plan";
        using (var again = await _cms.PublishAsync(article))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            var answer = await again.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(answer.GetProperty("changed").GetBoolean());
            Assert.Equal("ready", answer.GetProperty("status").GetString());
        }

        Assert.Equal(1, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM renditions WHERE article_id='council-water-plan'"));

        article["title"] = "Council approves the water plan after a long debate";
        (await _cms.PublishAsync(article)).EnsureSuccessStatusCode();
        var second = await _cms.WaitForAsync("council-water-plan", "ready", RenderTimeout, a => a.GetProperty("audio").GetProperty("url").GetString() != oldUrl);
        var newUrl = second.GetProperty("audio").GetProperty("url").GetString()!;
        Assert.Contains("long debate", second.GetProperty("audio").GetProperty("sentences")[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        // The superseded file stays reachable until collection runs.
        Assert.NotEmpty(await FetchAsync(oldUrl));
        using (var scope = _service.Services.CreateScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<MaintenanceJob>().CollectAsync(CancellationToken.None));
        }

        using var gone = await _http.GetAsync(new Uri(oldUrl).PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.NotEmpty(await FetchAsync(newUrl));
    }

    [Fact]
    public async Task A_draft_never_renders_and_unpublishing_removes_the_audio()
    {
        (await _cms.PublishAsync(Cms.Article("draft-story", "A story still being written", status: "draft"))).EnsureSuccessStatusCode();
        (await _cms.PublishAsync(Cms.Article("live-story", "A story that went live"))).EnsureSuccessStatusCode();
        var ready = await _cms.WaitForAsync("live-story", "ready", RenderTimeout);
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM renditions WHERE article_id='draft-story'"));
        using (var draft = await _http.GetAsync("/api/articles/draft-story/audio"))
        {
            Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        }

        using (var deleted = await _cms.UnpublishAsync("live-story"))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        using (var audio = await _http.GetAsync("/api/articles/live-story/audio"))
        {
            Assert.Equal(HttpStatusCode.NotFound, audio.StatusCode);
        }

        using var file = await _http.GetAsync(new Uri(ready.GetProperty("audio").GetProperty("url").GetString()!).PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Equal("withdrawn", await _database.ScalarAsync<string>("SELECT status FROM renditions WHERE article_id='live-story'"));
    }

    [Fact]
    public async Task Health_reports_the_database_storage_and_engine()
    {
        using var response = await _http.GetAsync("/healthz");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, report.ToString());
        Assert.Equal("postgresql", report.GetProperty("checks").GetProperty("database").GetProperty("component").GetString());
        Assert.True(report.GetProperty("checks").GetProperty("storage").GetProperty("healthy").GetBoolean());
        Assert.Equal("espeak", report.GetProperty("checks").GetProperty("tts").GetProperty("component").GetString());
    }
}
