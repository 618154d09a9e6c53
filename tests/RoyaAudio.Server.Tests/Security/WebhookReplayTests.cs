using System.Net;
using System.Text.Json;
using RoyaAudio.Server.Tests.Support;
using System.Text;

namespace RoyaAudio.Server.Tests.Security;

/// <summary>
/// Signed calls replayed within the freshness window: an older version cannot roll an article back, and
/// an older unpublish cannot take down a republished article.
/// </summary>
[Collection(ServiceTests.Name)]
public sealed class WebhookReplayTests : IDisposable
{
    private readonly TestService _service = new(postgres: null);

    public void Dispose() => _service.Dispose();

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static byte[] Body(string title) => Encoding.UTF8.GetBytes(Cms.Article("replayed-story", title, paragraphs: 1).ToJsonString());

    private async Task<string> StoredTitleAsync(HttpClient http)
    {
        var rows = await new EditorCalls(http).JsonAsync(HttpMethod.Get, "/api/articles");
        return rows.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "replayed-story").GetProperty("title").GetString()!;
    }

    [Fact]
    public async Task An_older_signed_version_replayed_after_a_newer_one_is_refused_and_changes_nothing()
    {
        using var http = _service.CreateClient();
        var cms = new Cms(http);
        var older = Body("The first version");
        var olderAt = Now() - 30;
        Assert.Equal(HttpStatusCode.Accepted, (await cms.PublishAsync(older, olderAt)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await cms.PublishAsync(Body("The corrected version"), Now())).StatusCode);

        using var replayed = await cms.PublishAsync(older, olderAt);

        Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
        Assert.Contains("newer version", await EditorCalls.ProblemDetailAsync(replayed), StringComparison.Ordinal);
        Assert.Equal("The corrected version", await StoredTitleAsync(http));
    }

    [Fact]
    public async Task A_replayed_unpublish_signed_before_a_republish_is_refused_and_the_article_stays_published()
    {
        using var http = _service.CreateClient();
        var cms = new Cms(http);
        Assert.Equal(HttpStatusCode.Accepted, (await cms.PublishAsync(Body("Published"), Now() - 60)).StatusCode);
        var unpublishedAt = Now() - 30;
        Assert.Equal(HttpStatusCode.OK, (await cms.UnpublishAsync("replayed-story", unpublishedAt)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await cms.PublishAsync(Body("Published again"), Now())).StatusCode);

        using var replayed = await cms.UnpublishAsync("replayed-story", unpublishedAt);

        Assert.Equal(HttpStatusCode.Conflict, replayed.StatusCode);
        Assert.Contains("changed after this unpublish was signed", await EditorCalls.ProblemDetailAsync(replayed), StringComparison.Ordinal);
        var rows = await new EditorCalls(http).JsonAsync(HttpMethod.Get, "/api/articles");
        Assert.True(rows.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "replayed-story").GetProperty("published").GetBoolean());
    }

    [Fact]
    public async Task A_signature_written_in_upper_case_hex_is_accepted()
    {
        using var http = _service.CreateClient();
        var body = Body("Signed in capitals");
        var at = Now();
        var signature = "sha256=" + Cms.Sign(TestService.WebhookSecret, at, body)["sha256=".Length..].ToUpperInvariant();

        using var accepted = await new Cms(http).PublishAsync(body, at, signature);

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("queued", JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_caller_refused_too_often_is_turned_away_before_its_body_is_read()
    {
        using var strict = new TestService(postgres: null, new Dictionary<string, string?> { ["Security:WebhookRefusalsPerMinute"] = "3" });
        using var http = strict.CreateClient();
        var cms = new Cms(http);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await cms.PublishAsync(Body("forged"), signature: "sha256=" + new string('0', 64))).StatusCode);
        }

        using var turnedAway = await cms.PublishAsync(Body("The real one"));
        Assert.Equal(HttpStatusCode.TooManyRequests, turnedAway.StatusCode);
        Assert.Equal("60", turnedAway.Headers.RetryAfter?.ToString());
    }
}
