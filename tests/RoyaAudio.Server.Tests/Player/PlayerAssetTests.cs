using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using RoyaAudio.Server.Player;
using RoyaAudio.Server.Tests.Support;
using System.Text;

namespace RoyaAudio.Server.Tests.Player;

/// <summary>How the player's files and the embed page are served: caching, size, and the page's security headers.</summary>
[Collection(ServiceTests.Name)]
public sealed partial class PlayerAssetTests : IDisposable
{
    // Read-along, themes and the frame's height grew the player from 12 KB; gzipped it is still under 9 KB.
    private const int SizeBudgetBytes = 27_000;
    private readonly TestService _service = new(postgres: null, new Dictionary<string, string?> { ["Player:AllowedOrigins:0"] = "https://www.example.org" });
    private readonly HttpClient _http;

    public PlayerAssetTests() => _http = _service.CreateClient();

    public void Dispose()
    {
        _http.Dispose();
        _service.Dispose();
    }

    [Theory]
    [InlineData("/player.js", "text/javascript")]
    [InlineData("/player.css", "text/css")]
    public async Task The_player_files_come_with_an_ETag_a_day_of_cache_and_a_304_when_unchanged(string path, string type)
    {
        using var first = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(type, first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", first.Content.Headers.ContentType?.CharSet);
        Assert.Equal(TimeSpan.FromDays(1), first.Headers.CacheControl?.MaxAge);
        Assert.True(first.Headers.CacheControl?.Public);
        Assert.Contains("nosniff", first.Headers.GetValues("X-Content-Type-Options"));
        var etag = first.Headers.ETag ?? throw new InvalidOperationException("no ETag");

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        using var again = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_embed_page_links_versioned_files_that_may_be_cached_for_a_year()
    {
        using var embed = await _http.GetAsync("/embed/anything");
        var page = await embed.Content.ReadAsStringAsync();
        var version = VersionedScript().Match(page).Groups[1].Value;
        Assert.Matches("^[0-9a-f]{12}$", version);
        Assert.Contains($"/player.css?v={version}", page, StringComparison.Ordinal);

        foreach (var path in new[] { "/player.js", "/player.css" })
        {
            using var versioned = await _http.GetAsync($"{path}?v={version}");
            Assert.Equal(TimeSpan.FromDays(365), versioned.Headers.CacheControl?.MaxAge);
            Assert.Contains(versioned.Headers.CacheControl!.Extensions, e => e.Name == "immutable");
        }

        using var stale = await _http.GetAsync("/player.js?v=000000000000");
        Assert.Equal(TimeSpan.FromDays(1), stale.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task The_script_carries_the_labels_of_every_language_and_both_files_stay_small()
    {
        var script = await _http.GetByteArrayAsync("/player.js");
        var styles = await _http.GetByteArrayAsync("/player.css");
        var text = Encoding.UTF8.GetString(script);
        Assert.DoesNotContain("__LABELS__", text, StringComparison.Ordinal);
        Assert.Contains("\"listen\":\"Listen to this story:\"", text, StringComparison.Ordinal);
        Assert.Contains("\"listen\":\"استمع إلى هذا الخبر:\"", text, StringComparison.Ordinal);
        Assert.Contains("\"note\":\"ملاحظة:\"", text, StringComparison.Ordinal);
        Assert.True(script.Length + styles.Length < SizeBudgetBytes, $"player.js {script.Length} B + player.css {styles.Length} B is over {SizeBudgetBytes} B");
        // Nothing from anywhere else: no third-party origin appears in either file.
        Assert.DoesNotMatch(@"https?://(?!AUDIO-SERVICE)", text);
        Assert.DoesNotMatch(@"https?://|@import|url\(", Encoding.UTF8.GetString(styles));
    }

    [Fact]
    public async Task An_unknown_article_gets_an_empty_404_page_that_only_the_configured_sites_may_frame()
    {
        using var response = await _http.GetAsync("/embed/no-such-article");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "default-src 'none'; script-src 'self'; style-src 'self'; media-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'self' https://www.example.org; base-uri 'none'; form-action 'none'",
            response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("nosniff", response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Contains("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy"));
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("""<roya-listen article-id="no-such-article"></roya-listen>""", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_is_not_found_and_its_title_stays_out_of_the_page()
    {
        using var accepted = await new Cms(_http).PublishAsync(Cms.Article("embed-draft", "Secret merger talks draft", paragraphs: 1, status: "draft"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        using var response = await _http.GetAsync("/embed/embed-draft");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Secret merger", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_with_markup_in_the_embed_address_stays_an_attribute_value()
    {
        const string id = "\"><img src=x onerror=window.__pwned=1>";
        var page = await (await _http.GetAsync("/embed/" + Uri.EscapeDataString(id))).Content.ReadAsStringAsync();

        var element = Regex.Match(page, "<roya-listen article-id=\"([^\"<>]*)\"></roya-listen>");
        Assert.True(element.Success, page);
        Assert.Equal(id, WebUtility.HtmlDecode(element.Groups[1].Value));
        Assert.DoesNotContain("<img", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Audio_on_a_CDN_is_allowed_as_media_and_framing_is_open_when_no_site_is_configured()
    {
        const string self = "https://audio.example.org";
        var state = new EmbedState("AI note", "https://cdn.example.org/roya-audio/audio/a/1.mp3", "https://cdn.example.org/roya-audio/audio/a/1.vtt", Preparing: false);

        var policy = EmbedPage.Policy(self, state, new PlayerOptions());

        Assert.Contains("; media-src 'self' https://cdn.example.org; ", policy, StringComparison.Ordinal);
        Assert.Contains("; frame-ancestors *; ", policy, StringComparison.Ordinal);
        var own = EmbedPage.Policy(self, state with { AudioUrl = "https://audio.example.org/media/audio/a/1.mp3", CaptionsUrl = null }, new PlayerOptions());
        Assert.Contains("; media-src 'self'; ", own, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_HEAD_request_for_the_script_answers_without_a_body()
    {
        using var get = await _http.GetAsync("/player.js");
        var script = await get.Content.ReadAsByteArrayAsync();
        Assert.NotEmpty(script);

        using var request = new HttpRequestMessage(HttpMethod.Head, "/player.js");
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        // The same headers as the GET: what the body would be, and the tag to revalidate it with.
        Assert.Equal(script.Length, response.Content.Headers.ContentLength);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(get.Headers.ETag, response.Headers.ETag);
    }

    [GeneratedRegex("""/player\.js\?v=([0-9a-f]+)""")]
    private static partial Regex VersionedScript();
}
