using System.Xml.Linq;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Hosting;

/// <summary>The newsroom's sites as operators write them in settings, and as browsers and podcast apps see them.</summary>
[Collection(ServiceTests.Name)]
public sealed class ArticleSiteTests
{
    [Theory]
    [InlineData("https://www.example.org/")]
    [InlineData("https://WWW.Example.org")]
    [InlineData(" https://www.example.org ")]
    public async Task An_allowed_origin_written_with_a_slash_or_capitals_matches_the_browsers_Origin(string written)
    {
        using var service = new TestService(postgres: null, new Dictionary<string, string?> { ["Player:AllowedOrigins:0"] = written });
        using var http = service.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/articles/no-such-story/audio");
        request.Headers.Add("Origin", "https://www.example.org");
        using var response = await http.SendAsync(request);

        Assert.True(response.Headers.TryGetValues("Access-Control-Allow-Origin", out var allowed), "no CORS header for an allowed site");
        Assert.Equal("https://www.example.org", Assert.Single(allowed));
    }

    [Fact]
    public async Task Another_origin_gets_no_CORS_header()
    {
        using var service = new TestService(postgres: null, new Dictionary<string, string?> { ["Player:AllowedOrigins:0"] = "https://www.example.org/" });
        using var http = service.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/articles/no-such-story/audio");
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await http.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_feeds_site_link_comes_from_its_own_setting_not_from_the_player_origins()
    {
        using var service = new TestService(postgres: null, new Dictionary<string, string?>
        {
            ["Player:AllowedOrigins:0"] = "https://embed.example.org",
            ["Feeds:SiteUrl"] = "https://www.example.org/news/",
        });
        using var http = service.CreateClient();
        var feed = XDocument.Parse(await http.GetStringAsync("/feed/en.xml"));

        Assert.Equal("https://www.example.org/news/", (string?)feed.Root!.Element("channel")!.Element("link"));
    }

    [Fact]
    public void A_site_URL_that_is_not_an_address_stops_the_start_naming_the_setting()
    {
        using var service = new TestService(postgres: null, new Dictionary<string, string?> { ["Feeds:SiteUrl"] = "www.example.org" });
        var failure = Assert.ThrowsAny<Exception>(() => service.CreateClient());
        Assert.Contains("Feeds:SiteUrl", failure.ToString(), StringComparison.Ordinal);
    }
}
