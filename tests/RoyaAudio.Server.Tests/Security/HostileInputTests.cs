using System.Net;
using System.Net.Http.Json;

using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using RoyaAudio.Server.Tests.Support;
using System.Text;

namespace RoyaAudio.Server.Tests.Security;

/// <summary>
/// Hostile input against every public and signed endpoint: each gets a 4xx problem that names the problem,
/// never a 5xx, and nothing changes. Renders are pointed at a missing engine so accepted articles cost nothing.
/// </summary>
[Collection(ServiceTests.Name)]
public sealed class HostileInputTests : IAsyncLifetime
{
    private readonly TestPostgres _database = new();
    private TestService _service = null!;
    private HttpClient _http = null!;
    private Cms _cms = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Tts:Espeak:Executable"] = "/nonexistent/espeak-ng",
            ["Jobs:RetryDelaySeconds"] = "3600",
        });
        _http = _service.CreateClient();
        _cms = new Cms(_http);
        (await _cms.PublishAsync(Cms.Article("existing-story", "A story that is already known"))).EnsureSuccessStatusCode();

        // Its one render attempt (no TTS engine) ends in an hour-long retry wait; from then on nothing moves by itself.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await _database.ScalarAsync<string>("SELECT status FROM renditions WHERE article_id='existing-story'") != "retrying")
        {
            Assert.True(DateTime.UtcNow < deadline, "the known story's render attempt did not settle");
            await Task.Delay(100);
        }

        // The retry is scheduled just after (its job id and time are written): wait until nothing moves for a second.
        for (var last = await StateAsync(); ; )
        {
            await Task.Delay(1000);
            var now = await StateAsync();
            if (now == last)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the known story's rows kept changing");
            last = now;
        }
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Article(Action<JsonObject> change)
    {
        var article = Cms.Article("hostile-story", "A story that must never be stored");
        change(article);
        return Utf8(article.ToJsonString());
    }

    private static readonly Dictionary<string, Func<Cms, HttpClient, Task<HttpResponseMessage>>> Corpus = new()
    {
        // Signed bodies whose content is wrong.
        ["invalid JSON: truncated"] = (c, _) => c.PublishAsync(Utf8("{\"id\": \"a\", \"title\": ")),
        ["invalid JSON: trailing comma"] = (c, _) => c.PublishAsync(Utf8("{\"id\": \"a\",}")),
        ["invalid JSON: single quotes"] = (c, _) => c.PublishAsync(Utf8("{'id': 'a'}")),
        ["invalid JSON: empty body"] = (c, _) => c.PublishAsync([]),
        ["invalid JSON: plain text"] = (c, _) => c.PublishAsync(Utf8("hello newsroom")),
        ["JSON string instead of object"] = (c, _) => c.PublishAsync(Utf8("\"article\"")),
        ["JSON null"] = (c, _) => c.PublishAsync(Utf8("null")),
        ["id as number"] = (c, _) => c.PublishAsync(Article(a => a["id"] = 12345)),
        ["language as array"] = (c, _) => c.PublishAsync(Article(a => a["language"] = new JsonArray("en"))),
        ["body as object"] = (c, _) => c.PublishAsync(Article(a => a["body"] = new JsonObject { ["html"] = "x" })),
        ["status as number"] = (c, _) => c.PublishAsync(Article(a => a["status"] = 1)),
        ["summary as string"] = (c, _) => c.PublishAsync(Article(a => a["summary"] = "one line")),
        ["summary with a number"] = (c, _) => c.PublishAsync(Article(a => a["summary"] = new JsonArray("a", 2))),
        ["publishedAt not a date"] = (c, _) => c.PublishAsync(Article(a => a["publishedAt"] = "yesterday at noon")),
        ["missing id"] = (c, _) => c.PublishAsync(Article(a => a.Remove("id"))),
        ["missing language"] = (c, _) => c.PublishAsync(Article(a => a.Remove("language"))),
        ["missing title"] = (c, _) => c.PublishAsync(Article(a => a.Remove("title"))),
        ["missing body"] = (c, _) => c.PublishAsync(Article(a => a.Remove("body"))),
        ["empty title"] = (c, _) => c.PublishAsync(Article(a => a["title"] = "   ")),
        ["10 MB body"] = (c, _) => c.PublishAsync(Article(a => a["body"] = new string('x', 10 * 1024 * 1024))),
        ["deeply nested JSON"] = (c, _) => c.PublishAsync(Utf8(new string('[', 200) + new string(']', 200))),
        ["deeply nested field"] = (c, _) => c.PublishAsync(Utf8("{\"id\":\"a\",\"x\":" + new string('[', 100) + new string(']', 100) + "}")),
        ["invalid UTF-8"] = (c, _) => c.PublishAsync([.. Utf8("{\"id\":\"a\",\"title\":\""), 0xFF, 0xFE, .. Utf8("\"}")]),
        ["NUL in title"] = (c, _) => c.PublishAsync(Article(a => a["title"] = "Breaking\u0000news")),
        ["NUL in id"] = (c, _) => c.PublishAsync(Article(a => a["id"] = "story\u0000one")),
        ["lone surrogate in title"] = (c, _) => c.PublishAsync(Utf8("{\"id\":\"a\",\"language\":\"en\",\"title\":\"\\ud800\",\"body\":\"x\"}")),
        ["NUL in body"] = (c, _) => c.PublishAsync(Article(a => a["body"] = "<p>text\u0000more</p>")),
        ["enormous title"] = (c, _) => c.PublishAsync(Article(a => a["title"] = new string('T', 5000))),
        ["script in id"] = (c, _) => c.PublishAsync(Article(a => a["id"] = "<script>alert(1)</script>")),
        ["script in language"] = (c, _) => c.PublishAsync(Article(a => a["language"] = "<script>")),
        ["script in status"] = (c, _) => c.PublishAsync(Article(a => a["status"] = "<img src=x onerror=alert(1)>")),
        ["traversal id"] = (c, _) => c.PublishAsync(Article(a => a["id"] = "../../etc/passwd")),
        ["dot-dot id"] = (c, _) => c.PublishAsync(Article(a => a["id"] = "..")),
        ["embedded dot-dot id"] = (c, _) => c.PublishAsync(Article(a => a["id"] = "a..b")),
        ["backslash id"] = (c, _) => c.PublishAsync(Article(a => a["id"] = "a\\b")),
        ["encoded traversal id"] = (c, _) => c.PublishAsync(Article(a => a["id"] = "%2e%2e%2fetc")),
        ["id of 129 characters"] = (c, _) => c.PublishAsync(Article(a => a["id"] = new string('a', 129))),
        ["id of 10,000 characters"] = (c, _) => c.PublishAsync(Article(a => a["id"] = new string('b', 10_000))),
        ["unknown language"] = (c, _) => c.PublishAsync(Article(a => a["language"] = "xx")),
        ["language as a name"] = (c, _) => c.PublishAsync(Article(a => a["language"] = "english")),
        ["empty language"] = (c, _) => c.PublishAsync(Article(a => a["language"] = "")),
        ["unknown status"] = (c, _) => c.PublishAsync(Article(a => a["status"] = "archived")),
        // Signatures.
        ["missing signature"] = (c, _) => c.PublishAsync(Article(_ => { }), withSignature: false),
        ["signature of zeros"] = (c, _) => c.PublishAsync(Article(_ => { }), signature: "sha256=" + new string('0', 64)),
        ["signature without prefix"] = (c, _) => Resigned(c, s => s["sha256=".Length..]),
        ["signature one hex digit short"] = (c, _) => Resigned(c, s => s[..^1]),
        ["signature of another body"] = (c, _) => c.PublishAsync(Article(_ => { }), signature: Cms.Sign(TestService.WebhookSecret, Now(), Utf8("{}"))),
        ["signature with another secret"] = (c, _) => c.PublishAsync(Article(_ => { }), signature: Cms.Sign("not-the-secret-0123456789", Now(), Article(_ => { }))),
        ["replayed: 6 minutes old"] = (c, _) => c.PublishAsync(Article(_ => { }), timestamp: Now() - 360),
        ["from the future: 6 minutes"] = (c, _) => c.PublishAsync(Article(_ => { }), timestamp: Now() + 360),
        ["timestamp zero"] = (c, _) => c.PublishAsync(Article(_ => { }), timestamp: 0),
        ["negative timestamp"] = (c, _) => c.PublishAsync(Article(_ => { }), timestamp: -5),
        // Wrong methods and hostile paths on public endpoints.
        ["PUT on the webhook"] = (_, h) => h.PutAsync("/api/articles", new StringContent("{}")),
        ["PATCH on an article"] = (_, h) => h.PatchAsync("/api/articles/existing-story", new StringContent("{}")),
        ["POST on the audio status"] = (_, h) => h.PostAsync("/api/articles/existing-story/audio", new StringContent("{}")),
        ["DELETE on the audio status"] = (_, h) => h.DeleteAsync("/api/articles/existing-story/audio"),
        ["audio of an unknown article"] = (_, h) => h.GetAsync("/api/articles/never-heard-of-it/audio"),
        ["audio of a traversal id"] = (_, h) => h.GetAsync("/api/articles/..%2F..%2Fetc%2Fpasswd/audio"),
        ["audio of a script id"] = (_, h) => h.GetAsync("/api/articles/%3Cscript%3Ealert(1)%3C%2Fscript%3E/audio"),
        ["audio of a control-character id"] = (_, h) => h.GetAsync("/api/articles/a%01b/audio"),
        ["audio of a 10,000-character id"] = (_, h) => h.GetAsync($"/api/articles/{new string('c', 10_000)}/audio"),
        ["captions of an unknown article"] = (_, h) => h.GetAsync("/api/articles/never-heard-of-it/audio.vtt"),
        ["media: encoded traversal"] = (_, h) => h.GetAsync("/media/%2e%2e/%2e%2e/appsettings.json"),
        ["media: traversal inside a key"] = (_, h) => h.GetAsync("/media/audio/x/..%2f..%2f..%2fetc%2fpasswd"),
        ["media: unknown key"] = (_, h) => h.GetAsync($"/media/audio/existing-story/{new string('a', 64)}.mp3"),
        ["media: a unit (not for listeners)"] = (_, h) => h.GetAsync($"/media/units/00/{new string('0', 64)}.wav"),
        ["media: upper-case hash"] = (_, h) => h.GetAsync($"/media/audio/existing-story/{new string('A', 64)}.mp3"),
        ["media: absolute path"] = (_, h) => h.GetAsync("/media//etc/passwd"),
        ["feed: unknown language"] = (_, h) => h.GetAsync("/feed/xx.xml"),
        ["feed: traversal"] = (_, h) => h.GetAsync("/feed/..%2f..%2fetc.xml"),
        ["unpublish an unknown article"] = (c, _) => c.UnpublishAsync("never-heard-of-it"),

        // What an outside probe found (signed, fresh, and still refused).
        ["an older version of a known article, replayed"] = (c, _) =>
            c.PublishAsync(Utf8(Cms.Article("existing-story", "Rolled back").ToJsonString()), timestamp: Now() - 120),
        ["an unpublish signed before the article's newest version"] = (c, _) => c.UnpublishAsync("existing-story", Now() - 120),
        ["id ending in a dot"] = (c, _) => c.PublishAsync(Article(a => a["id"] = "hostile-story.")),
        ["automatic regeneration without enabled"] = (_, h) => new EditorCalls(h).SendAsync(HttpMethod.Put, "/api/articles/existing-story/auto-regenerate", new { }),
        ["backfill that names no articles"] = (_, h) => new EditorCalls(h).SendAsync(HttpMethod.Post, "/api/backfill", new { }),
        ["lexicon reading holding NUL"] = (_, h) => new EditorCalls(h).SendAsync(HttpMethod.Put, "/api/lexicon/en/Amman", new { spoken = "Am\u0000man" }),
    };

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static Task<HttpResponseMessage> Resigned(Cms cms, Func<string, string> change)
    {
        var now = Now();
        var body = Article(_ => { });
        return cms.PublishAsync(body, timestamp: now, signature: change(Cms.Sign(TestService.WebhookSecret, now, body)));
    }

    public static TheoryData<string> Cases() => [.. Corpus.Keys];

    [Fact]
    public void The_corpus_has_the_77_cases_the_README_counts() => Assert.Equal(77, Corpus.Count);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_call_gets_a_4xx_problem_naming_it_and_changes_nothing(string name)
    {
        var before = await StateAsync();

        using var response = await Corpus[name](_cms, _http);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)response.StatusCode, problem.GetProperty("status").GetInt32());
        // The detail names this problem; a bare status title ("Bad Request") names nothing.
        Assert.True(problem.TryGetProperty("detail", out var detail), $"the problem has no detail: {problem}");
        Assert.False(string.IsNullOrWhiteSpace(detail.GetString()));
        Assert.NotEqual(problem.TryGetProperty("title", out var title) ? title.GetString() : null, detail.GetString());
        Assert.Equal(before, await StateAsync());
    }

    /// <summary>Every app table's rows, compared whole, so a refused call that changed any field is caught.</summary>
    private async Task<string> StateAsync()
    {
        var state = new System.Text.StringBuilder();
        foreach (var table in new[] { "articles", "renditions", "lexicon", "listening", "backfills", "editor_sessions" })
        {
            foreach (var row in await _database.RowsAsync($"SELECT * FROM {table} ORDER BY 1"))
            {
                state.Append(table).Append(": ").AppendJoin('|', row).AppendLine();
            }
        }

        // Hangfire's waiting jobs too: a refused call must not have scheduled or failed a job.
        var jobs = _service.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().GetStatistics();
        state.Append("jobs: scheduled ").Append(jobs.Scheduled).Append(", failed ").Append(jobs.Failed);
        return state.ToString();
    }

    /// <summary>Random article-shaped bodies, correctly signed: accepted (202) or refused with a 4xx problem, never a 5xx.</summary>
    [Fact]
    public async Task Generated_bodies_are_accepted_or_refused_with_a_problem_and_never_break_the_service()
    {
        var text = Gen.OneOf(
            Gen.String[0, 40],
            Gen.Const("<script>window.x=1</script>"), Gen.Const("../../etc"), Gen.Const("\u0000"), Gen.Const("سياسة"),
            Gen.Const("en"), Gen.Const("ar"), Gen.Const("published"), Gen.Const("draft"), Gen.Const("2026-11-27T10:00:00Z"),
            Gen.Const("story-" + Guid.NewGuid().ToString("N")[..8]));
        var value = Gen.Recursive<JsonNode?>((depth, self) => depth >= 3
            ? Gen.OneOf(text.Select(s => (JsonNode?)JsonValue.Create(s)), Gen.Int.Select(i => (JsonNode?)JsonValue.Create(i)), Gen.Const((JsonNode?)null))
            : Gen.OneOf(
                text.Select(s => (JsonNode?)JsonValue.Create(s)),
                Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
                Gen.Double.Select(d => (JsonNode?)JsonValue.Create(double.IsFinite(d) ? d : 0)),
                self.Array[0, 3].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))));
        string[] fields = ["id", "language", "title", "body", "status", "summary", "url", "publishedAt", "updatedAt", "extra"];
        var body = Gen.Select(Gen.Int[0, (1 << fields.Length) - 1], value.Array[fields.Length], (mask, values) =>
        {
            var article = new JsonObject();
            for (var i = 0; i < fields.Length; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    article[fields[i]] = values[i]?.DeepClone();
                }
            }

            return Utf8(article.ToJsonString());
        });

        await body.SampleAsync(async bytes =>
        {
            using var response = await _cms.PublishAsync(bytes);
            var status = (int)response.StatusCode;
            Assert.True(status == 202 || status is >= 400 and < 500, $"{status} for {Encoding.UTF8.GetString(bytes)}");
            if (status != 202)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }, iter: 100, threads: 1);
    }
}
