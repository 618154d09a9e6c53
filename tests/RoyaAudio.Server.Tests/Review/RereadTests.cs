using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Review;

/// <summary>"Re-read this sentence": a new rendition that buys one unit and takes every other from the cache.</summary>
[Collection(ServiceTests.Name)]
public sealed class RereadTests : IAsyncLifetime
{
    private readonly TestPostgres _database = new();
    private TestService _service = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString);
        _http = _service.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Rereading_one_sentence_of_ten_sends_exactly_one_synthesis_request()
    {
        var cms = new Cms(_http);
        var article = new JsonObject
        {
            ["id"] = "ten-sentences",
            ["language"] = "en",
            ["title"] = "Ten sentences for the desk",
            ["status"] = "published",
            ["body"] = string.Join('\n', Enumerable.Range(1, 3).Select(p =>
                $"<p>The first sentence of part {p} is here. The second follows it closely. The third closes part {p} for now.</p>")),
        };
        (await cms.PublishAsync(article)).EnsureSuccessStatusCode();
        var first = await cms.WaitForAsync("ten-sentences", "ready", TimeSpan.FromSeconds(120));
        Assert.Equal(10, first.GetProperty("audio").GetProperty("sentences").GetArrayLength());

        var editor = new EditorCalls(_http);

        // The waveform: ten levels a second over the whole file, louder inside sentences than in the pauses between them.
        var waveform = await editor.JsonAsync(HttpMethod.Get, "/api/articles/ten-sentences/waveform");
        var levels = Convert.FromBase64String(waveform.GetProperty("levels").GetString()!);
        var durationMs = waveform.GetProperty("durationMs").GetInt64();
        Assert.Equal(10, waveform.GetProperty("perSecond").GetInt32());
        Assert.InRange(levels.Length, durationMs / 100 - 2, durationMs / 100 + 2);
        var marks = waveform.GetProperty("sentences").EnumerateArray().ToList();
        Assert.Equal(10, marks.Count);
        Assert.All(marks, m => Assert.False(m.GetProperty("flagged").GetBoolean()));
        double Mean(Func<int, bool> inside) => levels.Where((_, i) => inside(i * 100 + 50)).Select(l => (double)l).DefaultIfEmpty(0).Average();
        bool InSentence(int ms) => marks.Any(m => ms >= m.GetProperty("startMs").GetInt64() + 150 && ms <= m.GetProperty("endMs").GetInt64() - 150);
        bool BetweenSentences(int ms) => !marks.Any(m => ms >= m.GetProperty("startMs").GetInt64() - 50 && ms <= m.GetProperty("endMs").GetInt64() + 50);
        Assert.True(Mean(InSentence) > Mean(BetweenSentences) + 15, $"speech {Mean(InSentence):F0}, pauses {Mean(BetweenSentences):F0}");

        var accepted = await editor.JsonAsync(HttpMethod.Post, "/api/articles/ten-sentences/sentences/4/reread", expected: HttpStatusCode.Accepted);
        var rendition = accepted.GetProperty("renditionId").GetInt64();
        await WaitForReadyAsync(rendition);

        var record = JsonDocument.Parse(await _database.ScalarAsync<string>($"SELECT record FROM renditions WHERE id={rendition}") ?? "{}").RootElement;
        Assert.Equal(11, record.GetProperty("units").GetInt32()); // ten sentences and the spoken AI note
        Assert.Equal(1, record.GetProperty("requests").GetInt32());
        Assert.Equal(10, record.GetProperty("cacheHits").GetInt32());

        using var outOfRange = await editor.SendAsync(HttpMethod.Post, "/api/articles/ten-sentences/sentences/10/reread");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outOfRange.StatusCode);
        using var unknown = await editor.SendAsync(HttpMethod.Post, "/api/articles/no-such-story/sentences/1/reread");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var anonymous = await editor.SendAsync(HttpMethod.Post, "/api/articles/ten-sentences/sentences/1/reread", key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task WaitForReadyAsync(long rendition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (await _database.ScalarAsync<string>($"SELECT status FROM renditions WHERE id={rendition}") != "ready")
        {
            Assert.True(DateTime.UtcNow < deadline, $"rendition {rendition} did not become ready");
            await Task.Delay(200);
        }
    }
}
