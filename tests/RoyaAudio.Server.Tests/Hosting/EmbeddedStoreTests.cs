using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Hosting;

/// <summary>Zero setup: no PostgreSQL, an embedded database file and in-memory jobs, and still no accepted article is lost in a restart.</summary>
[Collection(ServiceTests.Name)]
public sealed class EmbeddedStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("roya-embedded-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Dictionary<string, string?> Settings(string espeak) => new()
    {
        ["Database:EmbeddedPath"] = Path.Combine(_directory, "roya.db"),
        ["Storage:Disk:Path"] = Path.Combine(_directory, "media"),
        ["Tts:Espeak:Executable"] = espeak,
        ["Jobs:MaxAttempts"] = "50",
    };

    [Fact]
    public async Task An_article_accepted_before_a_restart_is_rendered_after_it()
    {
        // First life: the TTS engine is missing, so the render can only wait and retry (in memory).
        using (var broken = new TestService(postgres: null, Settings("/nonexistent/espeak-ng")))
        {
            using var http = broken.CreateClient();
            var cms = new Cms(http);
            using var accepted = await cms.PublishAsync(Cms.Article("restart-story", "A story accepted just before a restart"));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            var retrying = await cms.WaitForAsync("restart-story", "retrying", TimeSpan.FromSeconds(30));
            Assert.Equal(JsonValueKind.Null, retrying.GetProperty("audio").ValueKind);
        }

        // Second life on the same files: the waiting rendition is enqueued again at start and finishes.
        using var fixedService = new TestService(postgres: null, Settings("espeak-ng"));
        using var client = fixedService.CreateClient();
        var ready = await new Cms(client).WaitForAsync("restart-story", "ready", TimeSpan.FromSeconds(60));
        Assert.True(ready.GetProperty("audio").GetProperty("durationMs").GetInt64() > 1000);

        using var health = await client.GetAsync("/healthz");
        var report = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("embedded", report.GetProperty("checks").GetProperty("database").GetProperty("component").GetString());
    }

    [Fact]
    public async Task The_editor_list_and_the_lexicon_work_on_the_embedded_store_too()
    {
        using var service = new TestService(postgres: null, Settings("espeak-ng"));
        using var http = service.CreateClient();
        var cms = new Cms(http);
        var editor = new EditorCalls(http);
        (await cms.PublishAsync(Cms.Article("embedded-list-story", "A story listed for the editors"))).EnsureSuccessStatusCode();
        var ready = await cms.WaitForAsync("embedded-list-story", "ready", TimeSpan.FromSeconds(60));

        var listed = Assert.Single((await editor.JsonAsync(HttpMethod.Get, "/api/articles")).EnumerateArray());
        Assert.Equal("embedded-list-story", listed.GetProperty("id").GetString());
        Assert.Equal("ready", listed.GetProperty("status").GetString());
        Assert.Equal(ready.GetProperty("audio").GetProperty("durationMs").GetInt64(), listed.GetProperty("durationMs").GetInt64());

        await editor.JsonAsync(HttpMethod.Put, "/api/lexicon/en/bridge", new { spoken = "bridj" });
        await editor.JsonAsync(HttpMethod.Put, "/api/lexicon/en/Bridge", new { spoken = "brij" });
        var entry = Assert.Single((await editor.JsonAsync(HttpMethod.Get, "/api/lexicon/en")).EnumerateArray());
        Assert.Equal("Bridge", entry.GetProperty("term").GetString());
    }

    [Fact]
    public void Web_or_worker_roles_without_PostgreSQL_stop_at_start_with_a_message_saying_what_to_set()
    {
        var settings = Settings("espeak-ng");
        settings["Role"] = "worker";
        using var service = new TestService(postgres: null, settings);
        var failure = Assert.ThrowsAny<Exception>(() => service.CreateClient());
        Assert.Contains("ConnectionStrings__Postgres", failure.ToString(), StringComparison.Ordinal);
    }
}
