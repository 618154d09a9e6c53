using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Hosting;

/// <summary>
/// Behind a TLS-terminating balancer: the service listens on Kestrel at 127.0.0.1 and the test plays the
/// balancer. Only a named proxy's forwarded headers count; every absolute URL is on the public address.
/// </summary>
[Collection(ServiceTests.Name)]
public sealed partial class ProxyTests
{
    private const string PublicBase = "https://audio.example.org/";

    private static TestService OnKestrel(string knownProxy, string? publicBase = null, int perSecond = 1)
    {
        var service = new TestService(postgres: null, new Dictionary<string, string?>
        {
            ["RateLimits:PublicPerSecond"] = perSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Service:KnownProxies:0"] = knownProxy,
            ["Service:PublicBaseUrl"] = publicBase,
        });
        service.UseKestrel(0);
        service.StartServer();
        return service;
    }

    private static async Task<HttpStatusCode> CallAsync(HttpClient http, string client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/articles/no-such-story/audio");
        request.Headers.Add("X-Forwarded-For", client);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>
    /// Calls as the client until its bucket (two calls, one more a second) refuses. Asking until refused, not
    /// a fixed count, keeps a slow machine, where a token comes back between calls, from failing the test.
    /// </summary>
    private static async Task RefusedAsync(HttpClient http, string client)
    {
        for (var i = 0; i < 30; i++)
        {
            if (await CallAsync(http, client) == HttpStatusCode.TooManyRequests)
            {
                return;
            }
        }

        Assert.Fail($"{client} was never refused in 30 quick calls");
    }

    [Fact]
    public async Task Behind_a_named_proxy_each_forwarded_client_has_its_own_rate_limit_bucket()
    {
        using var service = OnKestrel("127.0.0.1");
        using var http = service.CreateClient();

        await RefusedAsync(http, "203.0.113.7");

        Assert.Equal(HttpStatusCode.NotFound, await CallAsync(http, "198.51.100.23"));
        Assert.Equal(HttpStatusCode.NotFound, await CallAsync(http, "198.51.100.23"));
    }

    [Fact]
    public async Task From_an_address_that_is_not_a_named_proxy_the_forwarded_headers_are_ignored()
    {
        using var service = OnKestrel("10.9.9.9");
        using var http = service.CreateClient();

        // The "other client" is the same 127.0.0.1 whose bucket was just emptied, so its first call is refused;
        // a token may come back between two calls on a slow machine, so each try uses a new forwarded address.
        var refused = false;
        for (var attempt = 0; attempt < 3 && !refused; attempt++)
        {
            await RefusedAsync(http, "203.0.113.7");
            refused = await CallAsync(http, $"198.51.100.{23 + attempt}") == HttpStatusCode.TooManyRequests;
        }

        Assert.True(refused, "a spoofed X-Forwarded-For from an address that is no named proxy got a bucket of its own");
    }

    [Fact]
    public async Task A_named_proxy_that_terminated_TLS_makes_the_service_build_https_URLs()
    {
        using var service = OnKestrel("127.0.0.1");
        using var http = service.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/feed/en.xml");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();

        var self = SelfLink(XDocument.Parse(await response.Content.ReadAsStringAsync()));
        Assert.StartsWith("https://127.0.0.1:", self, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_URL_the_service_emits_starts_with_the_public_base_URL()
    {
        using var service = OnKestrel("127.0.0.1", PublicBase, perSecond: 1000);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = service.CreateClient().BaseAddress };
        var cms = new Cms(http);
        (await cms.PublishAsync(Cms.Article("proxied-story", "A story heard through the balancer"))).EnsureSuccessStatusCode();
        var ready = await cms.WaitForAsync("proxied-story", "ready", TimeSpan.FromSeconds(90));

        var urls = new List<string>
        {
            ready.GetProperty("audio").GetProperty("url").GetString()!,
            ready.GetProperty("audio").GetProperty("captionsUrl").GetString()!,
        };
        using (var captions = await http.GetAsync("/api/articles/proxied-story/audio.vtt"))
        {
            Assert.Equal(HttpStatusCode.Redirect, captions.StatusCode);
            urls.Add(captions.Headers.Location!.ToString());
        }

        var feed = XDocument.Parse(await http.GetStringAsync("/feed/en.xml"));
        urls.Add(SelfLink(feed));
        urls.AddRange(feed.Descendants("enclosure").Select(e => (string)e.Attribute("url")!));
        var embed = await http.GetStringAsync("/embed/proxied-story");
        urls.AddRange(AudioSource().Matches(embed).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));

        Assert.Equal(7, urls.Count); // audio and captions in the API, the captions redirect, the feed's self link and enclosure, the embed's audio and track
        Assert.All(urls, url => Assert.StartsWith(PublicBase, url, StringComparison.Ordinal));

        // The listener's fetch of that URL, rewritten back to the service as the balancer would, is the MP3.
        var path = new Uri(urls[0]).PathAndQuery;
        var mp3 = await http.GetByteArrayAsync(path);
        Assert.Equal(ready.GetProperty("audio").GetProperty("bytes").GetInt64(), mp3.Length);
        Assert.Equal(JsonValueKind.Array, ready.GetProperty("audio").GetProperty("sentences").ValueKind);
    }

    private static string SelfLink(XDocument feed) =>
        (string)feed.Descendants(XName.Get("link", "http://www.w3.org/2005/Atom")).Single().Attribute("href")!;

    [GeneratedRegex("<(?:audio|track)[^>]* src=\"([^\"]+)\"")]
    private static partial Regex AudioSource();
}
