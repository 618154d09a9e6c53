using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Listening;

/// <summary>The counters' upsert and the feed's query run on the embedded SQLite database as well as on PostgreSQL.</summary>
[Collection(ServiceTests.Name)]
public sealed class EmbeddedListeningTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("roya-embedded-listening-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Events_are_counted_and_the_feed_is_written_on_the_embedded_database()
    {
        using var service = new TestService(postgres: null, new Dictionary<string, string?>
        {
            ["Database:EmbeddedPath"] = Path.Combine(_directory, "roya.db"),
            ["Storage:Disk:Path"] = Path.Combine(_directory, "media"),
        });
        using var http = service.CreateClient();
        var cms = new Cms(http);
        (await cms.PublishAsync(Cms.Article("council-budget-vote", "Council passes the budget"))).EnsureSuccessStatusCode();
        await cms.WaitForAsync("council-budget-vote", "ready", TimeSpan.FromSeconds(90));

        await Beacons.CountAsync(http, "council-budget-vote", "play", 3, Beacons.Beacon);
        await Beacons.CountAsync(http, "council-budget-vote", "25", 2);
        await Beacons.CountAsync(http, "council-budget-vote", "100", 1, Beacons.Beacon);
        using (var unknown = await Beacons.SendAsync(http, "no-such-story", "play", await Beacons.TokenAsync(http, "council-budget-vote")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/articles/council-budget-vote/listening");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestService.EditorKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var totals = report.GetProperty("totals");
        Assert.Equal(3, totals.GetProperty("plays").GetInt64());
        Assert.Equal(2, totals.GetProperty("reached25").GetInt64());
        Assert.Equal(0, totals.GetProperty("reached50").GetInt64());
        Assert.Equal(1, totals.GetProperty("completed").GetInt64());
        Assert.Equal(0.3333, totals.GetProperty("completionRate").GetDouble(), precision: 4);
        var day = Assert.Single(report.GetProperty("days").EnumerateArray());
        Assert.Equal(3, day.GetProperty("plays").GetInt64());

        // The editor page's one request for every row: the same totals, and zeros for an article nobody heard.
        (await cms.PublishAsync(Cms.Article("quiet-story", "Nobody has listened yet", status: "draft"))).EnsureSuccessStatusCode();
        using var recent = new HttpRequestMessage(HttpMethod.Get, "/api/listening?limit=10");
        recent.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestService.EditorKey);
        using var figures = await http.SendAsync(recent);
        Assert.Equal(HttpStatusCode.OK, figures.StatusCode);
        var rows = (await figures.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        Assert.Equal(["quiet-story", "council-budget-vote"], rows.Select(r => r.GetProperty("articleId").GetString()));
        Assert.Equal(0, rows[0].GetProperty("totals").GetProperty("plays").GetInt64());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("totals").GetProperty("completionRate").ValueKind);
        Assert.Equal(totals.ToString(), rows[1].GetProperty("totals").ToString());

        var feed = XDocument.Parse(await http.GetStringAsync("/feed/en.xml"));
        var item = Assert.Single(feed.Root!.Element("channel")!.Elements("item"));
        Assert.Equal("Council passes the budget", item.Element("title")!.Value);
        Assert.Empty(XDocument.Parse(await http.GetStringAsync("/feed/ar.xml")).Root!.Element("channel")!.Elements("item"));
    }
}
