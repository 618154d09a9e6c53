using System.Net;
using System.Xml.Linq;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Security;

/// <summary>The smaller holes an outside probe found: each call as the prober made it, and what it gets now.</summary>
[Collection(ServiceTests.Name)]
public sealed class ProbeFindingsTests : IDisposable
{
    private const string Override = "\u202E";
    private readonly TestService _service = new(postgres: null, new Dictionary<string, string?>
    {
        ["Service:PublicBaseUrl"] = "https://audio.example.org/",
        ["RateLimits:PreviewPerMinute"] = "3",
    });

    public void Dispose() => _service.Dispose();

    private static HttpRequestMessage WithHost(string path, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return request;
    }

    [Fact]
    public async Task A_forged_Host_header_reaches_no_URL_the_service_emits()
    {
        using var http = _service.CreateClient();
        var cms = new Cms(http);
        (await cms.PublishAsync(Cms.Article("host-story", "A story fetched with a forged Host", paragraphs: 1))).EnsureSuccessStatusCode();
        await cms.WaitForAsync("host-story", "ready", TimeSpan.FromSeconds(60));

        foreach (var path in new[] { "/api/articles/host-story/audio", "/feed/en.xml", "/embed/host-story", "/openapi/v1.json" })
        {
            using var request = WithHost(path, "evil.example");
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
            Assert.DoesNotContain("evil.example", text, StringComparison.Ordinal);
            Assert.Contains("https://audio.example.org", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_Host_outside_AllowedHosts_is_refused()
    {
        using var service = new TestService(postgres: null, new Dictionary<string, string?> { ["AllowedHosts"] = "audio.example.org" });
        using var http = service.CreateClient();
        using var forged = await http.SendAsync(WithHost("/feed/en.xml", "evil.example"));
        using var named = await http.SendAsync(WithHost("/feed/en.xml", "audio.example.org"));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
    }

    [Fact]
    public async Task Bidi_overrides_in_a_title_are_kept_out_of_the_embed_title_and_the_feed()
    {
        using var http = _service.CreateClient();
        var cms = new Cms(http);
        (await cms.PublishAsync(Cms.Article("bidi-story", $"Prices {Override}fell{Override} sharply", paragraphs: 1))).EnsureSuccessStatusCode();
        await cms.WaitForAsync("bidi-story", "ready", TimeSpan.FromSeconds(60));

        var embed = await http.GetStringAsync("/embed/bidi-story");
        var feed = XDocument.Parse(await http.GetStringAsync("/feed/en.xml"));
        var audio = await http.GetStringAsync("/api/articles/bidi-story/audio");

        Assert.Contains("<title>Prices fell sharply</title>", embed, StringComparison.Ordinal);
        Assert.Contains(feed.Descendants("item").Select(i => (string?)i.Element("title")), t => t == "Prices fell sharply");
        Assert.DoesNotContain(Override, audio + embed + feed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_range_in_another_unit_than_bytes_gets_the_whole_file()
    {
        using var http = _service.CreateClient();
        var cms = new Cms(http);
        (await cms.PublishAsync(Cms.Article("range-story", "A story fetched in items", paragraphs: 1))).EnsureSuccessStatusCode();
        var ready = await cms.WaitForAsync("range-story", "ready", TimeSpan.FromSeconds(60));
        var audio = ready.GetProperty("audio");

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(audio.GetProperty("url").GetString()!).PathAndQuery);
        request.Headers.TryAddWithoutValidation("Range", "items=0-10");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(audio.GetProperty("bytes").GetInt64(), (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Theory]
    [InlineData("story.")]
    [InlineData("a.b.")]
    public async Task An_id_ending_in_a_dot_is_refused_by_name(string id)
    {
        using var http = _service.CreateClient();
        using var refused = await new Cms(http).PublishAsync(Cms.Article(id, "A story whose id ends in a dot"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("not ending in '.'", await EditorCalls.ProblemDetailAsync(refused), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Nowruz", "No\u0000rooz")]
    [InlineData("Nowruz", "No\u0007rooz")]
    [InlineData("No\u0007wruz", "No-rooz")]
    public async Task A_lexicon_entry_holding_control_characters_is_refused_and_not_stored(string term, string spoken)
    {
        using var http = _service.CreateClient();
        var editor = new EditorCalls(http);
        using var refused = await editor.SendAsync(HttpMethod.Put, $"/api/lexicon/en/{Uri.EscapeDataString(term)}", new { spoken });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("control characters", await EditorCalls.ProblemDetailAsync(refused), StringComparison.Ordinal);
        Assert.Empty((await editor.JsonAsync(HttpMethod.Get, "/api/lexicon/en")).EnumerateArray());
    }

    [Fact]
    public async Task Hear_it_previews_have_their_own_small_budget_per_editor()
    {
        using var http = _service.CreateClient();
        var editor = new EditorCalls(http);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await editor.SendAsync(HttpMethod.Post, "/api/lexicon/en/preview", new { text = "Nowruz begins tonight." });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        // Another editor's budget is their own.
        using var admin = await editor.SendAsync(HttpMethod.Post, "/api/lexicon/en/preview", new { text = "Nowruz begins tonight." }, TestService.AdminKey);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }

    [Fact]
    public async Task Responses_do_not_name_the_server_software()
    {
        using var service = new TestService(postgres: null);
        service.UseKestrel(0);
        service.StartServer();
        using var http = service.CreateClient();
        using var response = await http.GetAsync("/feed/en.xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Select(h => h.Key)));
    }
}
