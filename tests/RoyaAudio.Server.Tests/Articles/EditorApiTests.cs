using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Articles;

/// <summary>What editors steer through the API, behind their keys: regeneration, automatic regeneration, the script, the history and backfills.</summary>
[Collection(ServiceTests.Name)]
public sealed class EditorApiTests : IAsyncLifetime
{
    // Generous: on a loaded two-core CI machine a render that meets one espeak-ng hiccup retries before it is ready.
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(120);
    private readonly TestPostgres _database = new();
    private TestService _service = null!;
    private HttpClient _http = null!;
    private Cms _cms = null!;
    private EditorCalls _editor = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString, new Dictionary<string, string?> { ["Jobs:BackfillPerMinute"] = "600" });
        _http = _service.CreateClient();
        _cms = new Cms(_http);
        _editor = new EditorCalls(_http);
        (await _http.GetAsync("/healthz")).Dispose(); // tables exist before the first count
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task PublishAsync(string id, string title)
    {
        using var accepted = await _cms.PublishAsync(Cms.Article(id, title, paragraphs: 1));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    private Task<long> RenditionCountAsync(string id) =>
        _database.ScalarAsync<long>($"SELECT COUNT(*) FROM renditions WHERE article_id='{id}'");

    private async Task WaitForDatabaseAsync(string sql, long expected)
    {
        var deadline = DateTime.UtcNow + RenderTimeout;
        long last = -1;
        while (DateTime.UtcNow < deadline)
        {
            last = await _database.ScalarAsync<long>(sql);
            if (last == expected)
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"'{sql}' did not reach {expected} within {RenderTimeout}; last value: {last}");
    }

    public static TheoryData<string, string> EditorEndpoints() => new()
    {
        { "GET", "/api/articles" },
        { "POST", "/api/articles/some-story/audio/regenerate" },
        { "PUT", "/api/articles/some-story/auto-regenerate" },
        { "GET", "/api/articles/some-story/script" },
        { "GET", "/api/articles/some-story/renditions" },
        { "GET", "/api/listening" },
        { "POST", "/api/backfill" },
    };

    [Theory]
    [MemberData(nameof(EditorEndpoints))]
    public async Task Editor_endpoints_refuse_anonymous_callers_and_unknown_keys(string method, string path)
    {
        var body = method == "GET" ? null : new { };
        using (var anonymous = await _editor.SendAsync(new HttpMethod(method), path, body, key: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Contains("Bearer", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Contains("Authorization: Bearer", await EditorCalls.ProblemDetailAsync(anonymous), StringComparison.Ordinal);
        }

        using (var unknown = await _editor.SendAsync(new HttpMethod(method), path, body, key: "not-a-configured-key-0123456789"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
            Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        }

        // A key sent without the Bearer scheme is no key at all.
        using (var request = new HttpRequestMessage(new HttpMethod(method), path))
        {
            request.Headers.TryAddWithoutValidation("Authorization", TestService.EditorKey);
            using var bare = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, bare.StatusCode);
        }

        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM renditions"));
    }

    [Fact]
    public async Task The_Hangfire_dashboard_refuses_anonymous_callers_and_editors_and_lets_the_admin_in()
    {
        // A browser without a key is sent to the sign-in page.
        using (var browser = _service.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
        using (var anonymous = await browser.GetAsync("/hangfire"))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.StartsWith("/editor/login?returnUrl=%2Fhangfire", anonymous.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        using (var unknown = await _editor.SendAsync(HttpMethod.Get, "/hangfire", key: "not-a-configured-key-0123456789"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        }

        using (var editor = await _editor.SendAsync(HttpMethod.Get, "/hangfire", key: TestService.EditorKey))
        {
            Assert.Equal(HttpStatusCode.Forbidden, editor.StatusCode);
            Assert.Contains("role", await EditorCalls.ProblemDetailAsync(editor), StringComparison.Ordinal);
        }

        using var admin = await _editor.SendAsync(HttpMethod.Get, "/hangfire", key: TestService.AdminKey);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("text/html", admin.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Hangfire", await admin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regenerating_with_another_voice_renders_on_the_editor_queue_and_the_audio_says_which_voice()
    {
        await PublishAsync("voice-story", "The mayor opens the new bridge");
        var first = await _cms.WaitForAsync("voice-story", "ready", RenderTimeout);
        Assert.Equal("en-us", first.GetProperty("audio").GetProperty("voice").GetString());

        var accepted = await _editor.JsonAsync(HttpMethod.Post, "/api/articles/voice-story/audio/regenerate", new { voice = "en-gb" }, HttpStatusCode.Accepted);
        Assert.Equal("voice-story", accepted.GetProperty("articleId").GetString());
        Assert.Equal("queued", accepted.GetProperty("status").GetString());
        Assert.True(accepted.GetProperty("changed").GetBoolean());
        var renditionId = accepted.GetProperty("renditionId").GetInt64();

        Assert.Equal(2, await RenditionCountAsync("voice-story"));
        Assert.Equal("editor", await _database.ScalarAsync<string>($"SELECT queue FROM renditions WHERE id={renditionId}"));
        Assert.Equal("en-gb", await _database.ScalarAsync<string>($"SELECT voice FROM renditions WHERE id={renditionId}"));

        var ready = await _cms.WaitForAsync("voice-story", "ready", RenderTimeout, a => a.GetProperty("audio").GetProperty("voice").GetString() == "en-gb");
        Assert.False(ready.GetProperty("updating").GetBoolean());
        Assert.NotEqual(first.GetProperty("audio").GetProperty("url").GetString(), ready.GetProperty("audio").GetProperty("url").GetString());
        Assert.Equal(renditionId, await _database.ScalarAsync<long>("SELECT current_rendition_id FROM articles WHERE id='voice-story'"));
        Assert.Equal("superseded", await _database.ScalarAsync<string>($"SELECT status FROM renditions WHERE article_id='voice-story' AND id<>{renditionId}"));
    }

    [Fact]
    public async Task A_regeneration_with_an_unknown_engine_an_unknown_article_or_an_illegal_voice_is_refused_and_queues_nothing()
    {
        await PublishAsync("refused-regeneration", "The school reopens after the floods");
        (await _cms.PublishAsync(Cms.Article("draft-regeneration", "A story still being written", paragraphs: 1, status: "draft"))).Dispose();
        var before = await _database.ScalarAsync<long>("SELECT COUNT(*) FROM renditions");
        Assert.Equal(1, before);

        using (var engine = await _editor.SendAsync(HttpMethod.Post, "/api/articles/refused-regeneration/audio/regenerate", new { engine = "polly" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, engine.StatusCode);
            var detail = await EditorCalls.ProblemDetailAsync(engine);
            Assert.Contains("'polly' is not configured", detail, StringComparison.Ordinal);
            Assert.Contains("espeak", detail, StringComparison.Ordinal);
        }

        using (var unknown = await _editor.SendAsync(HttpMethod.Post, "/api/articles/no-such-story/audio/regenerate", new { voice = "en-gb" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Contains("no-such-story", await EditorCalls.ProblemDetailAsync(unknown), StringComparison.Ordinal);
        }

        using (var draft = await _editor.SendAsync(HttpMethod.Post, "/api/articles/draft-regeneration/audio/regenerate", new { }))
        {
            Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        }

        foreach (var voice in new[] { "en gb", "en-gb; rm -rf /", "../en", "en/gb", " ", new string('a', 65) })
        {
            using var illegal = await _editor.SendAsync(HttpMethod.Post, "/api/articles/refused-regeneration/audio/regenerate", new { voice });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, illegal.StatusCode);
            Assert.Contains("voice must be", await EditorCalls.ProblemDetailAsync(illegal), StringComparison.Ordinal);
        }

        // A well-formed name espeak-ng does not have: refused now, and the article keeps reading with its own voice.
        using (var missing = await _editor.SendAsync(HttpMethod.Post, "/api/articles/refused-regeneration/audio/regenerate", new { voice = "xx-no-such-voice" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.StatusCode);
            Assert.Contains("'xx-no-such-voice' is not an espeak voice for en: choose one of en-us, en-gb", await EditorCalls.ProblemDetailAsync(missing), StringComparison.Ordinal);
        }

        Assert.Null(await _database.ScalarAsync<string>("SELECT voice FROM articles WHERE id='refused-regeneration'"));
        Assert.Equal(before, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM renditions"));
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM renditions WHERE article_id IN ('no-such-story','draft-regeneration')"));
    }

    [Fact]
    public async Task With_automatic_regeneration_off_an_edit_renders_nothing()
    {
        await PublishAsync("manual-story", "The port reopens to ships");
        await _cms.WaitForAsync("manual-story", "ready", RenderTimeout);

        var off = await _editor.JsonAsync(HttpMethod.Put, "/api/articles/manual-story/auto-regenerate", new { enabled = false });
        Assert.False(off.GetProperty("autoRegenerate").GetBoolean());
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT auto_regenerate FROM articles WHERE id='manual-story'"));

        using (var edited = await _cms.PublishAsync(Cms.Article("manual-story", "The port reopens to ships after a week of repairs", paragraphs: 1)))
        {
            Assert.Equal(HttpStatusCode.Accepted, edited.StatusCode);
            var answer = await edited.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(answer.GetProperty("changed").GetBoolean());
            Assert.Equal("ready", answer.GetProperty("status").GetString());
        }

        Assert.Equal(1, await RenditionCountAsync("manual-story"));
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT auto_regenerate FROM articles WHERE id='manual-story'"));
        var audio = await _cms.WaitForAsync("manual-story", "ready", RenderTimeout);
        Assert.DoesNotContain("repairs", audio.GetProperty("audio").GetProperty("sentences")[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        using var unknown = await _editor.SendAsync(HttpMethod.Put, "/api/articles/no-such-story/auto-regenerate", new { enabled = false });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Automatic_regeneration_set_without_saying_on_or_off_is_refused_and_changes_nothing()
    {
        await PublishAsync("unsaid-story", "The library opens late");
        using var empty = await _editor.SendAsync(HttpMethod.Put, "/api/articles/unsaid-story/auto-regenerate", new { });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("enabled is missing", await EditorCalls.ProblemDetailAsync(empty), StringComparison.Ordinal);
        Assert.Equal(1, await _database.ScalarAsync<long>("SELECT auto_regenerate FROM articles WHERE id='unsaid-story'"));
    }

    [Fact]
    public async Task The_script_preview_shows_the_sentences_as_they_will_be_read()
    {
        await PublishAsync("script-story", "Rain returns to the valley");

        var script = await _editor.JsonAsync(HttpMethod.Get, "/api/articles/script-story/script");
        Assert.Equal("script-story", script.GetProperty("articleId").GetString());
        Assert.Equal("en", script.GetProperty("language").GetString());
        Assert.Equal("espeak", script.GetProperty("engine").GetString());
        Assert.Equal(
            await _database.ScalarAsync<string>("SELECT script_hash FROM articles WHERE id='script-story'"),
            script.GetProperty("scriptHash").GetString());
        Assert.True(script.GetProperty("characters").GetInt32() > 0);
        Assert.Equal(0, script.GetProperty("estimatedCostUsd").GetDouble());

        var sentences = script.GetProperty("sentences").EnumerateArray().ToList();
        Assert.True(sentences.Count >= 3, script.ToString());
        Assert.Equal("Rain returns to the valley", sentences[0].GetProperty("text").GetString()!.TrimEnd('.'));
        Assert.Equal(0, sentences[0].GetProperty("paragraph").GetInt32());
        Assert.Equal(Enumerable.Range(0, sentences.Count), sentences.Select(s => s.GetProperty("index").GetInt32()));
        Assert.All(sentences, s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("spoken").GetString())));
        Assert.Contains(sentences, s => s.GetProperty("text").GetString()!.Contains("Work starts", StringComparison.Ordinal));

        // Another voice is another script hash: the hash covers how the article sounds.
        var british = await _editor.JsonAsync(HttpMethod.Get, "/api/articles/script-story/script?voice=en-gb");
        Assert.NotEqual(script.GetProperty("scriptHash").GetString(), british.GetProperty("scriptHash").GetString());

        using var unknown = await _editor.SendAsync(HttpMethod.Get, "/api/articles/no-such-story/script");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_history_and_the_article_list_show_each_render_with_its_status()
    {
        await PublishAsync("history-story", "The library extends its hours");
        await _cms.WaitForAsync("history-story", "ready", RenderTimeout);
        (await _cms.PublishAsync(Cms.Article("draft-story", "A story still being written", paragraphs: 1, status: "draft"))).Dispose();

        var history = await _editor.JsonAsync(HttpMethod.Get, "/api/articles/history-story/renditions");
        var only = Assert.Single(history.EnumerateArray());
        Assert.Equal("ready", only.GetProperty("status").GetString());
        Assert.Equal(1, only.GetProperty("attempts").GetInt64());
        Assert.Equal("publish", only.GetProperty("queue").GetString());
        Assert.Equal("espeak", only.GetProperty("engine").GetString());
        Assert.Equal(JsonValueKind.Null, only.GetProperty("reason").ValueKind);
        Assert.True(only.GetProperty("durationMs").GetInt64() > 0);
        Assert.True(only.GetProperty("finishedAt").GetDateTimeOffset() >= only.GetProperty("createdAt").GetDateTimeOffset());

        var regenerated = await _editor.JsonAsync(HttpMethod.Post, "/api/articles/history-story/audio/regenerate", new { }, HttpStatusCode.Accepted);
        await WaitForDatabaseAsync(
            $"SELECT COUNT(*) FROM renditions WHERE id={regenerated.GetProperty("renditionId").GetInt64()} AND status='ready'", 1);
        history = await _editor.JsonAsync(HttpMethod.Get, "/api/articles/history-story/renditions");
        Assert.Equal("superseded ready", string.Join(' ', history.EnumerateArray().Select(r => r.GetProperty("status").GetString())));
        Assert.Equal("publish editor", string.Join(' ', history.EnumerateArray().Select(r => r.GetProperty("queue").GetString())));

        var list = await _editor.JsonAsync(HttpMethod.Get, "/api/articles");
        var articles = list.EnumerateArray().ToDictionary(a => a.GetProperty("id").GetString()!);
        Assert.Equal(2, articles.Count);
        var story = articles["history-story"];
        Assert.Equal("ready", story.GetProperty("status").GetString());
        Assert.Equal("The library extends its hours", story.GetProperty("title").GetString());
        Assert.True(story.GetProperty("published").GetBoolean());
        Assert.True(story.GetProperty("autoRegenerate").GetBoolean());
        Assert.True(story.GetProperty("durationMs").GetInt64() > 0);
        Assert.True(story.GetProperty("characters").GetInt64() > 0);
        Assert.Equal(1, story.GetProperty("attempts").GetInt64());
        var draft = articles["draft-story"];
        Assert.Equal("none", draft.GetProperty("status").GetString());
        Assert.False(draft.GetProperty("published").GetBoolean());

        using var unknown = await _editor.SendAsync(HttpMethod.Get, "/api/articles/no-such-story/renditions");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_article_list_the_history_and_the_audio_API_say_whether_a_status_will_still_change()
    {
        await PublishAsync("flag-story", "The harbour reopens to ferries");
        await _cms.WaitForAsync("flag-story", "ready", RenderTimeout);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // A newer render on its way, as a worker leaves it between two attempts.
        var newer = await _database.ScalarAsync<long>(
            $"""
            INSERT INTO renditions (article_id, script_hash, engine, queue, status, reason, attempts, created_at)
            VALUES ('flag-story', 'flag-test', 'espeak', 'editor', 'retrying', 'storage is out', 1, {now}) RETURNING id
            """);

        async Task<(JsonElement Entry, JsonElement History, JsonElement Audio)> ReadAsync()
        {
            var list = await _editor.JsonAsync(HttpMethod.Get, "/api/articles");
            var history = await _editor.JsonAsync(HttpMethod.Get, "/api/articles/flag-story/renditions");
            var audio = await _http.GetFromJsonAsync<JsonElement>("/api/articles/flag-story/audio");
            return (list.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "flag-story"), history, audio);
        }

        // The current audio plays while the newer one is on its way.
        var (entry, history, audio) = await ReadAsync();
        Assert.Equal("retrying", entry.GetProperty("status").GetString());
        Assert.False(entry.GetProperty("settled").GetBoolean());
        Assert.Equal([true, false], history.EnumerateArray().Select(r => r.GetProperty("settled").GetBoolean()));
        Assert.Equal("ready", audio.GetProperty("status").GetString());
        Assert.True(audio.GetProperty("playable").GetBoolean());
        Assert.False(audio.GetProperty("pending").GetBoolean());
        Assert.True(audio.GetProperty("updating").GetBoolean());

        // Without audio, the same render is what a listener waits for.
        await _database.ScalarAsync<object>("UPDATE articles SET current_rendition_id = NULL WHERE id = 'flag-story'");
        (_, _, audio) = await ReadAsync();
        Assert.Equal("retrying", audio.GetProperty("status").GetString());
        Assert.False(audio.GetProperty("playable").GetBoolean());
        Assert.True(audio.GetProperty("pending").GetBoolean());
        Assert.Equal(JsonValueKind.Null, audio.GetProperty("audio").ValueKind);

        // Ready a moment before the article points at it: still pending for listeners, settled for editors.
        await _database.ScalarAsync<object>($"UPDATE renditions SET status = 'ready', reason = NULL WHERE id = {newer}");
        (entry, history, audio) = await ReadAsync();
        Assert.True(entry.GetProperty("settled").GetBoolean());
        Assert.All(history.EnumerateArray(), r => Assert.True(r.GetProperty("settled").GetBoolean()));
        Assert.Equal("rendering", audio.GetProperty("status").GetString());
        Assert.True(audio.GetProperty("pending").GetBoolean());
        using (var embed = await _http.GetAsync("/embed/flag-story"))
        {
            Assert.Contains("class=\"wait\"", await embed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Failed: nothing will come by itself, and nothing is shown.
        await _database.ScalarAsync<object>($"UPDATE renditions SET status = 'failed', reason = 'voice refused' WHERE id = {newer}");
        (entry, history, audio) = await ReadAsync();
        Assert.Equal("failed", entry.GetProperty("status").GetString());
        Assert.True(entry.GetProperty("settled").GetBoolean());
        Assert.Equal("failed", audio.GetProperty("status").GetString());
        Assert.False(audio.GetProperty("playable").GetBoolean());
        Assert.False(audio.GetProperty("pending").GetBoolean());
        using (var embed = await _http.GetAsync("/embed/flag-story"))
        {
            Assert.DoesNotContain("class=\"wait\"", await embed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unchanged_republish_keeps_the_voice_an_editor_chose()
    {
        var article = Cms.Article("kept-voice-story", "The mayor opens the new bridge", paragraphs: 1);
        (await _cms.PublishAsync(article)).EnsureSuccessStatusCode();
        await _cms.WaitForAsync("kept-voice-story", "ready", RenderTimeout);
        await _editor.JsonAsync(HttpMethod.Post, "/api/articles/kept-voice-story/audio/regenerate", new { voice = "en-gb" }, HttpStatusCode.Accepted);
        await _cms.WaitForAsync("kept-voice-story", "ready", RenderTimeout, a => a.GetProperty("audio").GetProperty("voice").GetString() == "en-gb");

        // Same text, other metadata: nothing to say differently, so nothing to render.
        article["url"] = "https://example.org/kept-voice-story";
        using (var again = await _cms.PublishAsync(article))
        {
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            var answer = await again.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(answer.GetProperty("changed").GetBoolean(), answer.ToString());
        }

        Assert.Equal(2, await RenditionCountAsync("kept-voice-story"));
        var audio = await _cms.WaitForAsync("kept-voice-story", "ready", RenderTimeout);
        Assert.Equal("en-gb", audio.GetProperty("audio").GetProperty("voice").GetString());
    }
}
