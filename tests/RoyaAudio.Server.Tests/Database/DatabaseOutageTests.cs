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

    [Fact]
    public async Task Calls_during_a_database_restart_get_a_retryable_503_and_every_accepted_article_ends_ready()
    {
        using var http = _service.CreateClient();
        var cms = new Cms(http);
        var ids = Enumerable.Range(1, 4).Select(n => $"outage-story-{n}").ToList();
        foreach (var id in ids)
        {
            (await cms.PublishAsync(Cms.Article(id, $"Story {id} published just before the database restarts", paragraphs: 3))).EnsureSuccessStatusCode();
        }

        var late = Cms.Article("outage-late-story", "A story that arrives while the database is down");
        await TestPostgres.HaltClusterAsync();
        try
        {
            using var refused = await cms.PublishAsync(late);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(refused.Headers.RetryAfter);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("database", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

            using var status = await http.GetAsync($"/api/articles/{ids[0]}/audio");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status.StatusCode);
            await Task.Delay(2000);
        }
        finally
        {
            await TestPostgres.ResumeClusterAsync();
        }

        // The CMS retries what was refused; everything accepted before the outage finishes too.
        using (var retried = await cms.PublishAsync(late))
        {
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        }

        foreach (var id in ids.Append("outage-late-story"))
        {
            await cms.WaitForAsync(id, "ready", TimeSpan.FromSeconds(120));
        }

        Assert.Equal(5, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM renditions WHERE status='ready'"));
    }
}
