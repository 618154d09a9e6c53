using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Database;

/// <summary>PostgreSQL goes away mid-batch and comes back: the service answers 503 meanwhile, reconnects by itself and loses nothing.</summary>
[Collection(ServiceTests.Name)]
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly TestPostgres _database = new();
    private TestService _service = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Jobs:InvisibilityTimeoutSeconds"] = "10",
            ["Jobs:LeaseSeconds"] = "5",
        });
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>One answer the poller saw: when, from which door, and whether it was a 5xx other than a proper 503.</summary>
    private sealed record Seen(TimeSpan At, string Door, int Status, string? ContentType, bool RetryAfter)
    {
        public bool Broken => Status >= 500 && !(Status == 503 && RetryAfter && ContentType == "application/problem+json");
    }

    /// <summary>Hits the webhook and the audio API every 50 ms until stopped, keeping every answer.</summary>
    private static async Task<List<Seen>> PollAsync(HttpClient http, Cms cms, System.Diagnostics.Stopwatch clock, CancellationToken stop)
    {
        var seen = new List<Seen>();
        var echo = Cms.Article("outage-echo-story", "A story the CMS sends again and again", paragraphs: 1);
        while (!stop.IsCancellationRequested)
        {
            using (var webhook = await cms.PublishAsync(echo))
            {
                seen.Add(new Seen(clock.Elapsed, "webhook", (int)webhook.StatusCode, webhook.Content.Headers.ContentType?.MediaType, webhook.Headers.RetryAfter is not null));
            }

            using (var audio = await http.GetAsync("/api/articles/outage-story-1/audio", CancellationToken.None))
            {
                seen.Add(new Seen(clock.Elapsed, "audio", (int)audio.StatusCode, audio.Content.Headers.ContentType?.MediaType, audio.Headers.RetryAfter is not null));
            }

            await Task.Delay(50, CancellationToken.None);
        }

        return seen;
    }

    [Fact]
    public async Task Calls_across_a_database_restart_with_renders_in_flight_get_only_retryable_503s_and_every_accepted_article_ends_ready()
    {
        using var http = _service.CreateClient();
        var cms = new Cms(http);
        var ids = Enumerable.Range(1, 4).Select(n => $"outage-story-{n}").ToList();
        foreach (var id in ids)
        {
            (await cms.PublishAsync(Cms.Article(id, $"Story {id} published just before the database restarts", paragraphs: 12))).EnsureSuccessStatusCode();
        }

        // Halt only with a render in flight, so the outage meets a worker mid-render.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await _database.ScalarAsync<long>("SELECT COUNT(*) FROM renditions WHERE status='rendering'") == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no render was ever in flight");
            await Task.Delay(20);
        }

        var inFlight = await _database.RowsAsync("SELECT article_id FROM renditions WHERE status='rendering'");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var poller = PollAsync(http, cms, clock, stop.Token);
        await Task.Delay(300);
        var late = Cms.Article("outage-late-story", "A story that arrives while the database is down");
        TimeSpan halted, resumed;
        await TestPostgres.HaltClusterAsync();
        halted = clock.Elapsed;
        try
        {
            using var refused = await cms.PublishAsync(late);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("database", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            await Task.Delay(3000);
        }
        finally
        {
            await TestPostgres.ResumeClusterAsync();
            resumed = clock.Elapsed;
        }

        await Task.Delay(5000);
        await stop.CancelAsync();
        var seen = await poller;

        Assert.Empty(seen.Where(s => s.Broken).Select(s => $"{s.Door} {s.Status} at {s.At.TotalSeconds:F2} s ({s.ContentType}, Retry-After {s.RetryAfter})"));
        Assert.Contains(seen, s => s.Door == "webhook" && s.Status == 503 && s.At > halted && s.At < resumed);
        Assert.Contains(seen, s => s.Door == "audio" && s.Status == 503 && s.At > halted && s.At < resumed);
        Assert.Contains(seen, s => s.Door == "audio" && s.Status == 200 && s.At > resumed);
        Assert.Contains(seen, s => s.Door == "webhook" && s.Status == 202 && s.At > resumed);

        // The CMS retries what was refused; everything accepted before the outage finishes too, the renders in flight included.
        using (var retried = await cms.PublishAsync(late))
        {
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        }

        foreach (var id in ids.Append("outage-late-story").Append("outage-echo-story"))
        {
            await cms.WaitForAsync(id, "ready", TimeSpan.FromSeconds(180));
        }

        Assert.NotEmpty(inFlight);
        Assert.Equal(6, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM renditions WHERE status='ready'"));
    }
}
