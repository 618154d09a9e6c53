using System.Net;
using System.Text.Json;
using RoyaAudio.Server.Tests.Support;
using RoyaAudio.Tests;

namespace RoyaAudio.Server.Tests.Storage;

/// <summary>
/// Blob storage goes away mid-batch (Azurite stopped): renders hand their renditions back as retrying,
/// editors read which store is down, and everything finishes by itself once storage returns.
/// </summary>
[Collection(ServiceTests.Name)]
public sealed class StorageOutageTests : IAsyncLifetime
{
    private const string Container = "outage-test";
    private readonly TestPostgres _database = new();
    private AzuriteProcess _azurite = null!;
    private TestService _service = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _azurite = await AzuriteProcess.StartAsync();
        _service = new TestService(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "blob",
            ["Storage:Blob:ConnectionString"] = _azurite.ConnectionString,
            ["Storage:Blob:Container"] = Container,
            ["Jobs:RetryDelaySeconds"] = "1",
            ["Jobs:MaxRetryDelaySeconds"] = "2",
            ["Jobs:MaxAttempts"] = "30",
        });
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Renders_during_a_storage_outage_retry_name_the_store_and_finish_when_it_returns()
    {
        using var http = _service.CreateClient();
        var cms = new Cms(http);
        var editor = new EditorCalls(http);
        (await cms.PublishAsync(Cms.Article("before-outage", "A story stored before the outage"))).EnsureSuccessStatusCode();
        var before = await cms.WaitForAsync("before-outage", "ready", TimeSpan.FromSeconds(90));

        await _azurite.HaltAsync();
        var ids = new[] { "outage-a", "outage-b" };
        foreach (var id in ids)
        {
            // Accepting work needs only the database: the CMS is never turned away because storage is down.
            using var accepted = await cms.PublishAsync(Cms.Article(id, $"Story {id} published while storage is down"));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        foreach (var id in ids)
        {
            await cms.WaitForAsync(id, "retrying", TimeSpan.FromSeconds(60));
            var history = await editor.JsonAsync(HttpMethod.Get, $"/api/articles/{id}/renditions");
            var reason = history.EnumerateArray().Last().GetProperty("reason").GetString();
            Assert.Contains("audio store", reason, StringComparison.Ordinal);
            Assert.Contains(Container, reason, StringComparison.Ordinal);
        }

        // Listeners of the article stored before keep getting its answer from the database.
        using (var still = await http.GetAsync("/api/articles/before-outage/audio"))
        {
            Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        }

        using (var health = await http.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            var checks = JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
            Assert.False(checks.GetProperty("storage").GetProperty("healthy").GetBoolean());
            Assert.True(checks.GetProperty("database").GetProperty("healthy").GetBoolean());
        }

        await _azurite.ResumeAsync();
        using var azurite = new HttpClient();
        foreach (var id in ids.Append("before-outage"))
        {
            var ready = await cms.WaitForAsync(id, "ready", TimeSpan.FromSeconds(120));
            var audio = ready.GetProperty("audio");
            var bytes = await azurite.GetByteArrayAsync(new Uri(audio.GetProperty("url").GetString()!));
            Assert.Equal(audio.GetProperty("bytes").GetInt64(), bytes.Length);
            var stated = audio.GetProperty("durationMs").GetInt64();
            Assert.InRange(AudioProbe.DecodedSeconds(bytes) * 1000, stated - 50, stated + 50);
        }

        Assert.Equal(before.GetProperty("audio").GetProperty("url").GetString(),
            (await cms.WaitForAsync("before-outage", "ready", TimeSpan.FromSeconds(5))).GetProperty("audio").GetProperty("url").GetString());
        var rows = await _database.RowsAsync("SELECT article_id, status, attempts FROM renditions WHERE article_id LIKE 'outage-%' ORDER BY article_id");
        Assert.Equal(ids, rows.Select(r => (string)r[0]!));
        Assert.All(rows, r => Assert.Equal("ready", r[1]));
        // Each was tried at least once during the outage and once after it.
        Assert.All(rows, r => Assert.True(Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture) >= 2, $"{r[0]}: {r[2]} attempts"));
    }
}
