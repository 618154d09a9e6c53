using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using RoyaAudio.Server.Tests.Support;
using System.Text;

namespace RoyaAudio.Server.Tests.Listening;

/// <summary>The player's beacons become counters per article and UTC day, and editors read them back; bad beacons count nothing.</summary>
[Collection(ServiceTests.Name)]
public sealed class ListeningEventTests : IAsyncLifetime
{
    private const string ArticleSite = "https://www.roya-news.example";
    private const string Story = "council-budget-vote";
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(90);
    private readonly TestPostgres _database = new();
    private readonly MovableClock _clock = new();
    private TestService _service = null!;
    private HttpClient _http = null!;
    private Cms _cms = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString, new Dictionary<string, string?> { ["Player:AllowedOrigins:0"] = ArticleSite });
        // The derived host is disposed with the service.
        _http = _service.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock))).CreateClient();
        _cms = new Cms(_http);
        (await _http.GetAsync("/healthz")).Dispose(); // tables exist before the first count
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task PublishReadyAsync(string id, string title)
    {
        (await _cms.PublishAsync(Cms.Article(id, title))).EnsureSuccessStatusCode();
        await _cms.WaitForAsync(id, "ready", RenderTimeout);
    }

    private async Task<HttpResponseMessage> ReportAsync(string id, string? key = TestService.EditorKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/articles/{Uri.EscapeDataString(id)}/listening");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await _http.SendAsync(request);
    }

    private Task<List<object?[]>> CountersAsync() =>
        _database.RowsAsync("SELECT article_id, day, plays, reached_25, reached_50, reached_75, completed FROM listening ORDER BY article_id, day");

    private static void AssertCounts(JsonElement counts, long plays, long reached25, long reached50, long reached75, long completed, double? rate)
    {
        Assert.Equal(plays, counts.GetProperty("plays").GetInt64());
        Assert.Equal(reached25, counts.GetProperty("reached25").GetInt64());
        Assert.Equal(reached50, counts.GetProperty("reached50").GetInt64());
        Assert.Equal(reached75, counts.GetProperty("reached75").GetInt64());
        Assert.Equal(completed, counts.GetProperty("completed").GetInt64());
        var actual = counts.GetProperty("completionRate");
        if (rate is null)
        {
            Assert.Equal(JsonValueKind.Null, actual.ValueKind);
        }
        else
        {
            Assert.Equal(rate.Value, actual.GetDouble(), precision: 4);
        }
    }

    [Fact]
    public async Task Events_for_a_ready_article_are_counted_per_UTC_day_and_editors_see_totals_and_days()
    {
        await PublishReadyAsync(Story, "Council passes the budget after a night session");

        _clock.MoveTo(new DateTimeOffset(2030, 5, 1, 23, 0, 0, TimeSpan.Zero));
        await Beacons.CountAsync(_http, Story, "play", 2);
        await Beacons.CountAsync(_http, Story, "play", 1, Beacons.Beacon);
        await Beacons.CountAsync(_http, Story, "25", 2, Beacons.Beacon);
        await Beacons.CountAsync(_http, Story, "100", 1);

        // Past midnight UTC the next day's counters start.
        _clock.MoveTo(new DateTimeOffset(2030, 5, 2, 0, 30, 0, TimeSpan.Zero));
        foreach (var listened in new[] { "play", "25", "50", "75", "100" })
        {
            await Beacons.CountAsync(_http, Story, listened, 1, Beacons.Beacon);
        }

        using var response = await ReportAsync(Story);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Story, report.GetProperty("articleId").GetString());
        AssertCounts(report.GetProperty("totals"), 4, 3, 1, 1, 2, 0.5);
        var days = report.GetProperty("days");
        Assert.Equal(2, days.GetArrayLength());
        Assert.Equal("2030-05-01", days[0].GetProperty("day").GetString());
        AssertCounts(days[0], 3, 2, 0, 0, 1, 0.3333);
        Assert.Equal("2030-05-02", days[1].GetProperty("day").GetString());
        AssertCounts(days[1], 1, 1, 1, 1, 1, 1.0);

        Assert.Equal(2, (await CountersAsync()).Count);
        // Nothing per listener can be stored: the table has the counters and nothing else.
        var columns = await _database.RowsAsync(
            "SELECT column_name FROM information_schema.columns WHERE table_name='listening' ORDER BY column_name");
        Assert.Equal(
            ["article_id", "completed", "day", "plays", "reached_25", "reached_50", "reached_75"],
            columns.Select(c => (string)c[0]!));
    }

    [Fact]
    public async Task Refused_events_are_problems_that_count_nothing()
    {
        await PublishReadyAsync(Story, "Council passes the budget after a night session");
        (await _cms.PublishAsync(Cms.Article("draft-budget-story", "A budget story still being written", status: "draft"))).EnsureSuccessStatusCode();
        await Beacons.CountAsync(_http, Story, "play", 1);
        var before = await CountersAsync();

        static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        var cases = new (string Why, byte[] Body, string? ContentType, bool KnownLength, HttpStatusCode Expected)[]
        {
            ("unknown event", Utf8($$"""{"articleId":"{{Story}}","event":"pause"}"""), Beacons.Json, true, HttpStatusCode.UnprocessableEntity),
            ("event as a number", Utf8($$"""{"articleId":"{{Story}}","event":25}"""), Beacons.Json, true, HttpStatusCode.UnprocessableEntity),
            ("missing event", Utf8($$"""{"articleId":"{{Story}}"}"""), Beacons.Beacon, true, HttpStatusCode.UnprocessableEntity),
            ("id as a number", Utf8("""{"articleId":42,"event":"play"}"""), Beacons.Json, true, HttpStatusCode.UnprocessableEntity),
            ("id as an object", Utf8("""{"articleId":{"id":"x"},"event":"play"}"""), Beacons.Json, true, HttpStatusCode.UnprocessableEntity),
            ("array body", Utf8($$"""[{"articleId":"{{Story}}","event":"play"}]"""), Beacons.Json, true, HttpStatusCode.UnprocessableEntity),
            ("path in the id", Utf8("""{"articleId":"../council-budget-vote","event":"play"}"""), Beacons.Json, true, HttpStatusCode.UnprocessableEntity),
            ("escaped NUL in the id", Utf8("""{"articleId":"council\u0000budget","event":"play"}"""), Beacons.Json, true, HttpStatusCode.UnprocessableEntity),
            ("id too long", Utf8($$"""{"articleId":"{{new string('a', 129)}}","event":"play"}"""), Beacons.Json, true, HttpStatusCode.UnprocessableEntity),
            // No page of an unknown or draft article can hold a play token: the audio API gives none.
            ("unknown article", Utf8("""{"articleId":"no-such-story","event":"play"}"""), Beacons.Json, true, HttpStatusCode.Forbidden),
            ("draft article", Utf8("""{"articleId":"draft-budget-story","event":"play"}"""), Beacons.Beacon, true, HttpStatusCode.Forbidden),
            ("lone surrogate escape", Utf8("""{"articleId":"\ud800","event":"play"}"""), Beacons.Json, true, HttpStatusCode.BadRequest),
            ("raw NUL byte", [.. Utf8("{\"articleId\":\"council"), 0, .. Utf8("\",\"event\":\"play\"}")], Beacons.Json, true, HttpStatusCode.BadRequest),
            ("invalid JSON", Utf8("""{"articleId":"""), Beacons.Beacon, true, HttpStatusCode.BadRequest),
            ("empty body", [], Beacons.Beacon, true, HttpStatusCode.BadRequest),
            ("invalid UTF-8", [.. Utf8("{\"articleId\":\"council"), 0xC3, 0x28, .. Utf8("\",\"event\":\"play\"}")], Beacons.Json, true, HttpStatusCode.BadRequest),
            ("deep nesting", Utf8(new string('[', 64) + new string(']', 64)), Beacons.Json, true, HttpStatusCode.BadRequest),
            ("oversized body", Utf8($$"""{"articleId":"{{Story}}","event":"play","pad":"{{new string('x', 2000)}}"}"""), Beacons.Json, true, HttpStatusCode.RequestEntityTooLarge),
            ("oversized body of unknown length", Utf8($$"""{"articleId":"{{Story}}","event":"play","pad":"{{new string('x', 2000)}}"}"""), Beacons.Beacon, false, HttpStatusCode.RequestEntityTooLarge),
            ("form post", Utf8("articleId=council-budget-vote&event=play"), "application/x-www-form-urlencoded", true, HttpStatusCode.UnsupportedMediaType),
        };

        foreach (var (why, body, contentType, knownLength, expected) in cases)
        {
            using var response = await Beacons.SendRawAsync(_http, body, contentType, knownLength);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(expected == response.StatusCode, $"{why}: expected {(int)expected}, got {(int)response.StatusCode} {text}");
            Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json", $"{why}: {response.Content.Headers.ContentType}");
            Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString()), why);
        }

        var after = await CountersAsync();
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(before.SelectMany(r => r), after.SelectMany(r => r));
    }

    [Fact]
    public async Task The_listening_report_needs_an_editor_key_and_a_known_article()
    {
        (await _cms.PublishAsync(Cms.Article("draft-budget-story", "A budget story still being written", status: "draft"))).EnsureSuccessStatusCode();

        using (var anonymous = await ReportAsync("draft-budget-story", key: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        }

        using (var wrongKey = await ReportAsync("draft-budget-story", key: "not-a-key-0123456789"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        }

        using (var unheard = await ReportAsync("draft-budget-story"))
        {
            Assert.Equal(HttpStatusCode.OK, unheard.StatusCode);
            var report = await unheard.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("A budget story still being written", report.GetProperty("title").GetString());
            AssertCounts(report.GetProperty("totals"), 0, 0, 0, 0, 0, null);
            Assert.Equal(0, report.GetProperty("days").GetArrayLength());
        }

        foreach (var id in new[] { "no-such-story", "council..budget", "bad id", new string('a', 300) })
        {
            using var unknown = await ReportAsync(id, TestService.AdminKey);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Article_sites_may_send_events_from_the_browser_and_other_sites_get_no_CORS_grant()
    {
        foreach (var (origin, allowed) in new[] { (ArticleSite, true), ("https://elsewhere.example", false) })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/events");
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", "POST");
            preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
            using var response = await _http.SendAsync(preflight);
            var granted = response.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.Single() : null;
            Assert.Equal(allowed ? origin : null, granted);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events")
        {
            Content = new StringContent("""{"articleId":"no-such-story","event":"play"}""", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("Origin", ArticleSite);
        using var beacon = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, beacon.StatusCode);
        Assert.Equal(ArticleSite, beacon.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Forged_figures_count_nothing_events_from_other_sites_without_a_token_repeated_or_marks_without_a_play()
    {
        await PublishReadyAsync(Story, "Council passes the budget after a night session");
        var token = await Beacons.TokenAsync(_http, Story);

        // The probe's forgery: only "100", over and over, from anywhere, with and without a token.
        using (var elsewhere = await Beacons.SendAsync(_http, Story, "play", token, origin: "https://elsewhere.example"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
            Assert.Contains("Player:AllowedOrigins", await EditorCalls.ProblemDetailAsync(elsewhere), StringComparison.Ordinal);
        }

        using (var noOrigin = await Beacons.SendAsync(_http, Story, "play", token, origin: null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, noOrigin.StatusCode);
        }

        using (var forged = await Beacons.SendAsync(_http, Story, "play", "not-a-token"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
            Assert.Contains("play token", await EditorCalls.ProblemDetailAsync(forged), StringComparison.Ordinal);
        }

        using (var otherArticle = await Beacons.SendAsync(_http, "another-story", "play", token))
        {
            Assert.Equal(HttpStatusCode.Forbidden, otherArticle.StatusCode);
        }

        using (var completedFirst = await Beacons.SendAsync(_http, Story, "100", token, origin: ArticleSite))
        {
            Assert.Equal(HttpStatusCode.Conflict, completedFirst.StatusCode);
        }

        Assert.Empty(await CountersAsync());

        // The real page view: one play and one completion however often they are sent.
        for (var i = 0; i < 30; i++)
        {
            using var play = await Beacons.SendAsync(_http, Story, "play", token, origin: ArticleSite);
            using var done = await Beacons.SendAsync(_http, Story, "100", token, origin: ArticleSite);
            Assert.Equal(HttpStatusCode.NoContent, play.StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        }

        var counters = Assert.Single(await CountersAsync());
        Assert.Equal(1L, Convert.ToInt64(counters[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1L, Convert.ToInt64(counters[6], System.Globalization.CultureInfo.InvariantCulture));
    }
}
