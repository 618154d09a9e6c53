using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using RoyaAudio.Server.Tests.Support;
using System.Text;

namespace RoyaAudio.Server.Tests.Articles;

/// <summary>Bad webhook calls get a 4xx problem that names the problem, never a 500, and change nothing.</summary>
[Collection(ServiceTests.Name)]
public sealed class WebhookRefusalTests : IAsyncLifetime
{
    private readonly TestPostgres _database = new();
    private TestService _service = null!;
    private HttpClient _http = null!;
    private Cms _cms = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString, new Dictionary<string, string?> { ["Security:MaxBodyBytes"] = "65536" });
        _http = _service.CreateClient();
        _cms = new Cms(_http);
        (await _http.GetAsync("/healthz")).Dispose(); // tables exist before the first count
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Valid(Action<JsonObject>? change = null)
    {
        var article = Cms.Article("refused-story", "A story that should never be stored");
        change?.Invoke(article);
        return Utf8(article.ToJsonString());
    }

    public static TheoryData<string, int, string> Cases() => new()
    {
        { "missing signature", 401, "headers are required" },
        { "wrong signature", 401, "does not match" },
        { "signature with another secret", 401, "does not match" },
        { "replayed timestamp", 401, "from the server's clock" },
        { "future timestamp", 401, "from the server's clock" },
        { "timestamp not a number", 401, "unix seconds" },
        { "invalid JSON", 422, "not valid JSON" },
        { "JSON array", 422, "must be an object" },
        { "missing body field", 422, "missing the field 'body'" },
        { "title as number", 422, "'title' must be a string" },
        { "unknown language", 422, "unknown language 'xx'" },
        { "traversal id", 422, "is not allowed" },
        { "id with slash", 422, "is not allowed" },
        { "very long id", 422, "is not allowed" },
        { "invalid UTF-8", 400, "not valid UTF-8" },
        { "body over the limit", 413, "larger than 65536 bytes" },
        { "nothing to read", 422, "nothing to read" },
        { "unknown status", 422, "field 'status'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_call_gets_a_problem_naming_it_and_changes_nothing(string problem, int status, string detail)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var response = problem switch
        {
            "missing signature" => await _cms.PublishAsync(Valid(), withSignature: false),
            "wrong signature" => await _cms.PublishAsync(Valid(), signature: "sha256=" + new string('0', 64)),
            "signature with another secret" => await _cms.PublishAsync(Valid(), signature: Cms.Sign("another-secret-0123456789", now, Valid())),
            "replayed timestamp" => await _cms.PublishAsync(Valid(), timestamp: now - 301),
            "future timestamp" => await _cms.PublishAsync(Valid(), timestamp: now + 400),
            "timestamp not a number" => await SendWithTimestampAsync("yesterday"),
            "invalid JSON" => await _cms.PublishAsync(Utf8("{\"id\": \"x\", ")),
            "JSON array" => await _cms.PublishAsync(Utf8("[1,2,3]")),
            "missing body field" => await _cms.PublishAsync(Valid(a => a.Remove("body"))),
            "title as number" => await _cms.PublishAsync(Valid(a => a["title"] = 42)),
            "unknown language" => await _cms.PublishAsync(Valid(a => a["language"] = "xx")),
            "traversal id" => await _cms.PublishAsync(Valid(a => a["id"] = "../../etc/passwd")),
            "id with slash" => await _cms.PublishAsync(Valid(a => a["id"] = "a/b")),
            "very long id" => await _cms.PublishAsync(Valid(a => a["id"] = new string('a', 500))),
            "invalid UTF-8" => await _cms.PublishAsync([.. Valid()[..^2], 0xC3, 0x28, (byte)'}']),
            "body over the limit" => await _cms.PublishAsync(Valid(a => a["body"] = new string('x', 70_000))),
            "nothing to read" => await _cms.PublishAsync(Valid(a => { a["title"] = "…"; a["body"] = ""; })),
            "unknown status" => await _cms.PublishAsync(Valid(a => a["status"] = "archived")),
            _ => throw new ArgumentOutOfRangeException(nameof(problem)),
        };

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(detail, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM articles"));
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM renditions"));
    }

    [Fact]
    public async Task Unpublishing_needs_a_signature_over_the_id()
    {
        (await _cms.PublishAsync(Valid())).EnsureSuccessStatusCode();
        using var unsigned = await _http.DeleteAsync("/api/articles/refused-story");
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);

        // A signature made for another article does not unpublish this one.
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/articles/refused-story");
        request.Headers.Add("X-Roya-Timestamp", now.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Roya-Signature", Cms.Sign(TestService.WebhookSecret, now, Utf8("other-story")));
        using var wrong = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(1, await _database.ScalarAsync<long>("SELECT published FROM articles WHERE id='refused-story'"));

        using var unknown = await _cms.UnpublishAsync("never-published");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<HttpResponseMessage> SendWithTimestampAsync(string timestamp)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = new ByteArrayContent(Valid()) };
        request.Headers.Add("X-Roya-Timestamp", timestamp);
        request.Headers.Add("X-Roya-Signature", "sha256=" + new string('0', 64));
        return await _http.SendAsync(request);
    }
}
