using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Articles;

/// <summary>The desk's list: searched, filtered and paged in one call that carries listening totals, review and freshness.</summary>
[Collection(ServiceTests.Name)]
public sealed class DeskListTests : IAsyncLifetime
{
    private readonly TestPostgres _database = new();
    private TestService _service = null!;
    private HttpClient _http = null!;
    private EditorCalls _editor = null!;
    private Cms _cms = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString);
        _http = _service.CreateClient();
        _editor = new EditorCalls(_http);
        _cms = new Cms(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<(JsonElement[] Items, long Total)> ListAsync(string query)
    {
        using var response = await _editor.SendAsync(HttpMethod.Get, "/api/articles?" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return ([.. JsonDocument.Parse(text).RootElement.EnumerateArray().Select(e => e.Clone())], long.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string[] Ids(JsonElement[] items) => [.. items.Select(i => i.GetProperty("id").GetString()!)];

    [Fact]
    public async Task Search_filters_and_pages_narrow_the_list_and_the_total_counts_every_match()
    {
        foreach (var (id, title, language) in new[]
        {
            ("bridge-1", "The new bridge opens", "en"), ("bridge-2", "Bridge traffic eases", "en"), ("budget-1", "Budget passes 100% of the vote", "en"),
            ("arabic-1", "افتتاح الجسر الجديد", "ar"),
        })
        {
            (await _cms.PublishAsync(Cms.Article(id, title, paragraphs: 1, language: language))).EnsureSuccessStatusCode();
        }

        Assert.Equal(["bridge-2", "bridge-1"], Ids((await ListAsync("q=BRIDGE")).Items));
        Assert.Equal(["budget-1"], Ids((await ListAsync("q=100%25")).Items)); // a literal %, not a wildcard
        Assert.Empty((await ListAsync("q=_ridge")).Items);
        Assert.Equal(["arabic-1"], Ids((await ListAsync("q=الجسر")).Items));
        Assert.Equal(["arabic-1"], Ids((await ListAsync("language=ar")).Items));
        Assert.Equal(["bridge-1"], Ids((await ListAsync("q=bridge-1")).Items));

        var (page, total) = await ListAsync("pageSize=2&page=2");
        Assert.Equal(4, total);
        Assert.Equal(["bridge-2", "bridge-1"], Ids(page));

        await _cms.WaitForAsync("budget-1", "ready", TimeSpan.FromSeconds(120));
        var ready = (await ListAsync("status=ready")).Items;
        Assert.Contains("budget-1", Ids(ready));
        Assert.All(ready, i => Assert.Equal("ready", i.GetProperty("status").GetString()));
        Assert.All((await ListAsync("")).Items, i =>
        {
            Assert.Equal(0, i.GetProperty("plays").GetInt64());
            Assert.False(i.GetProperty("reviewPending").GetBoolean());
        });

        using var wrong = await _editor.SendAsync(HttpMethod.Get, "/api/articles?filter=popular");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
    }

    [Fact]
    public async Task A_lexicon_change_reports_the_articles_it_touches_and_flips_their_audio_to_outdated()
    {
        var nowruz = new JsonObject
        {
            ["id"] = "nowruz-story", ["language"] = "en", ["title"] = "Families mark Nowruz", ["status"] = "published",
            ["body"] = "<p>Families gathered to mark Nowruz on Saturday. The markets were busy.</p>",
        };
        (await _cms.PublishAsync(nowruz)).EnsureSuccessStatusCode();
        (await _cms.PublishAsync(Cms.Article("other-story", "The council meets", paragraphs: 1))).EnsureSuccessStatusCode();
        await _cms.WaitForAsync("nowruz-story", "ready", TimeSpan.FromSeconds(120));
        await _cms.WaitForAsync("other-story", "ready", TimeSpan.FromSeconds(120));
        Assert.Empty((await ListAsync("filter=outdated")).Items);

        var change = await _editor.JsonAsync(HttpMethod.Put, "/api/lexicon/en/Nowruz", new { spoken = "No-rooz" });

        Assert.Equal(1, change.GetProperty("affectedArticles").GetInt32());
        Assert.Equal(["nowruz-story"], change.GetProperty("affectedArticleIds").EnumerateArray().Select(e => e.GetString()));
        var listed = (await ListAsync("")).Items;
        Assert.True(listed.Single(i => i.GetProperty("id").GetString() == "nowruz-story").GetProperty("audioOutdated").GetBoolean());
        Assert.False(listed.Single(i => i.GetProperty("id").GetString() == "other-story").GetProperty("audioOutdated").GetBoolean());
        Assert.Equal(["nowruz-story"], Ids((await ListAsync("filter=outdated")).Items));

        // "Regenerate these": the backfill renders it again with the new reading, and it is fresh once more.
        using (var backfill = await _editor.SendAsync(HttpMethod.Post, "/api/backfill", new { articleIds = (string[])["nowruz-story"] }))
        {
            Assert.Equal(HttpStatusCode.Accepted, backfill.StatusCode);
        }

        var deadline = DateTime.UtcNow.AddSeconds(120);
        while ((await ListAsync("filter=outdated")).Items.Length > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the regenerated article still reads as outdated");
            await Task.Delay(300);
        }
    }

    [Fact]
    public async Task The_embedded_store_answers_the_same_queries()
    {
        using var embedded = new TestService(postgres: null);
        using var http = embedded.CreateClient();
        var cms = new Cms(http);
        var editor = new EditorCalls(http);
        (await cms.PublishAsync(Cms.Article("embedded-bridge", "The bridge opens", paragraphs: 1))).EnsureSuccessStatusCode();
        await cms.WaitForAsync("embedded-bridge", "ready", TimeSpan.FromSeconds(120));

        foreach (var query in new[] { "q=BRIDGE", "filter=outdated", "filter=review", "status=ready&language=en&page=1&pageSize=5" })
        {
            using var response = await editor.SendAsync(HttpMethod.Get, "/api/articles?" + query);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {await response.Content.ReadAsStringAsync()}");
        }

        var change = await editor.JsonAsync(HttpMethod.Put, "/api/lexicon/en/bridge", new { spoken = "brij" });
        Assert.Equal(1, change.GetProperty("affectedArticles").GetInt32());
    }
}
