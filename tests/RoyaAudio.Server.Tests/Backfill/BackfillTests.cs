using System.Net;
using System.Text.Json;
using RoyaAudio.Server.Tests.Support;
using System.Text;

namespace RoyaAudio.Server.Tests.Backfill;

/// <summary>An editor asks for part of the archive: the answer is immediate, a job pages through it at the configured rate, progress can be followed.</summary>
[Collection(ServiceTests.Name)]
public sealed class BackfillTests : IAsyncLifetime
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(90);
    private static readonly string[] Named = ["archive-one", "unknown-id", "archive-two"];
    private readonly TestPostgres _database = new();
    private TestService _service = null!;
    private HttpClient _http = null!;
    private Cms _cms = null!;
    private EditorCalls _editor = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Jobs:BackfillPerMinute"] = "600",
            ["Jobs:BackfillPageSize"] = "3",
        });
        _http = _service.CreateClient();
        _cms = new Cms(_http);
        _editor = new EditorCalls(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<JsonElement> WaitUntilDoneAsync(JsonElement accepted)
    {
        var url = accepted.GetProperty("statusUrl").GetString()!;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement progress = accepted;
        while (DateTime.UtcNow < deadline)
        {
            progress = await _editor.JsonAsync(HttpMethod.Get, url);
            if (progress.GetProperty("status").GetString() == "done")
            {
                return progress;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"backfill did not finish; last progress: {progress}");
    }

    [Fact]
    public async Task Named_articles_are_queued_on_the_backfill_queue_and_the_unknown_ones_are_named_in_the_progress()
    {
        foreach (var id in new[] { "archive-one", "archive-two" })
        {
            (await _cms.PublishAsync(Cms.Article(id, $"The archive story {id}", paragraphs: 1))).EnsureSuccessStatusCode();
            await _cms.WaitForAsync(id, "ready", RenderTimeout);
        }

        using var response = await _editor.SendAsync(HttpMethod.Post, "/api/backfill", new { articleIds = Named });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal(accepted.GetProperty("statusUrl").GetString(), response.Headers.Location?.ToString());
        Assert.Equal(3, accepted.GetProperty("total").GetInt64());

        var done = await WaitUntilDoneAsync(accepted);
        Assert.Equal(2, done.GetProperty("queued").GetInt64());
        Assert.Equal(3, done.GetProperty("handled").GetInt64());
        Assert.Equal("unknown-id", Assert.Single(done.GetProperty("notPublished").EnumerateArray()).GetString());
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM renditions WHERE article_id='unknown-id'"));

        foreach (var id in new[] { "archive-one", "archive-two" })
        {
            await _cms.WaitForAsync(id, "ready", RenderTimeout, a => true);
            var deadline = DateTime.UtcNow + RenderTimeout;
            while (await _database.ScalarAsync<string>($"SELECT r.queue FROM articles a JOIN renditions r ON r.id=a.current_rendition_id WHERE a.id='{id}'") != "backfill")
            {
                Assert.True(DateTime.UtcNow < deadline, $"{id} was not rendered from the backfill queue");
                await Task.Delay(200);
            }
        }
    }

    [Fact]
    public async Task A_language_backfill_pages_through_every_published_article_of_that_language_and_no_other()
    {
        for (var i = 0; i < 7; i++)
        {
            (await _cms.PublishAsync(Cms.Article($"page-story-{i}", $"Paged story {i}", paragraphs: 1))).EnsureSuccessStatusCode();
        }

        (await _cms.PublishAsync(Cms.Article("draft-story", "A draft", paragraphs: 1, status: "draft"))).EnsureSuccessStatusCode();
        (await _cms.PublishAsync(Cms.Article("arabic-story", "خبر عربي", paragraphs: 1, language: "ar"))).EnsureSuccessStatusCode();

        var accepted = await _editor.JsonAsync(HttpMethod.Post, "/api/backfill", new { language = "en" }, HttpStatusCode.Accepted);
        Assert.Equal(7, accepted.GetProperty("total").GetInt64());
        var done = await WaitUntilDoneAsync(accepted);

        // Three pages of three, three and one article, each article requested once.
        Assert.Equal(7, done.GetProperty("queued").GetInt64());
        var backfilled = await _database.RowsAsync("SELECT article_id, COUNT(*) FROM renditions WHERE queue='backfill' GROUP BY article_id ORDER BY article_id");
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"page-story-{i}"), backfilled.Select(r => (string)r[0]!));
        Assert.All(backfilled, r => Assert.Equal(1L, Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"articleIds\":[]}")]
    [InlineData("{\"all\":false}")]
    public async Task A_backfill_that_does_not_say_which_articles_is_refused_naming_the_fields(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/backfill") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestService.EditorKey);
        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var detail = await EditorCalls.ProblemDetailAsync(response);
        Assert.Contains("articleIds", detail, StringComparison.Ordinal);
        Assert.Contains("\"all\": true", detail, StringComparison.Ordinal);
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM backfills"));
    }

    [Fact]
    public async Task The_whole_archive_is_backfilled_only_when_all_is_said_and_an_unknown_language_is_named()
    {
        (await _cms.PublishAsync(Cms.Article("all-en", "English", paragraphs: 1))).EnsureSuccessStatusCode();
        (await _cms.PublishAsync(Cms.Article("all-ar", "عربي", paragraphs: 1, language: "ar"))).EnsureSuccessStatusCode();

        var accepted = await _editor.JsonAsync(HttpMethod.Post, "/api/backfill", new { all = true }, HttpStatusCode.Accepted);
        Assert.Equal(2, accepted.GetProperty("total").GetInt64());
        Assert.Equal(2, (await WaitUntilDoneAsync(accepted)).GetProperty("queued").GetInt64());

        using var language = await _editor.SendAsync(HttpMethod.Post, "/api/backfill", new { language = "xx" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, language.StatusCode);
        Assert.Contains("unknown language 'xx'", await EditorCalls.ProblemDetailAsync(language), StringComparison.Ordinal);

        using var missing = await _editor.SendAsync(HttpMethod.Get, "/api/backfill/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
