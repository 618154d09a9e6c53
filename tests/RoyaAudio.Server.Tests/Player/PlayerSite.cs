using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Player;

/// <summary>
/// The service on real Kestrel (a browser cannot reach the in-memory test server), a few short articles
/// rendered and ready, and one headless Chromium shared by a test class.
/// </summary>
public sealed class PlayerSite : IAsyncLifetime
{
    public const string English = "player-council-water";
    public const string Arabic = "roya-amman-weather-ar";

    /// <summary>The English sample article (samples/articles/roya-putin-iran.json), for read-along in its own text.</summary>
    public const string EnglishSample = "roya-putin-iran-nowruz";
    public const string ImageTitle = """<img src=x onerror="window.__pwned=1">""";
    public const string ScriptTitle = "</script><script>window.__pwned=1</script>";

    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(90);
    private readonly TestPostgres _database = new();
    private IPlaywright _playwright = null!;
    private WebApplication _newsroom = null!;

    public TestService Service { get; private set; } = null!;

    /// <summary>What the browser uses: localhost, so the newsroom page and the service are the same site.</summary>
    public string Origin { get; private set; } = "";

    /// <summary>
    /// The newsroom's article pages: another origin of the same site, served from loopback like the service
    /// (Chromium refuses a page it cannot place on the network when it loads from a local address).
    /// </summary>
    public string NewsroomOrigin { get; private set; } = "";

    /// <summary>The same article pages on another site (127.0.0.1 is not localhost's site), also allowed.</summary>
    public string CrossSiteOrigin { get; private set; } = "";

    /// <summary>A site that is not in Player:AllowedOrigins.</summary>
    public string StrangerOrigin { get; private set; } = "";

    /// <summary>Every line the service logged.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>Each sample article as the CMS sent it, by id.</summary>
    public Dictionary<string, JsonObject> Samples { get; } = [];

    public HttpClient Http { get; private set; } = null!;

    public Cms Cms { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The audio API's answer for each published article, by id.</summary>
    public Dictionary<string, JsonElement> Ready { get; } = [];

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var newsroom = WebApplication.CreateSlimBuilder();
        // Two ports: the newsroom's own, and a stranger's that the service does not know.
        newsroom.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        newsroom.Logging.ClearProviders();
        _newsroom = newsroom.Build();
        _newsroom.MapGet("/news/{id}", (string id, string? transcript) => Results.Content(NewsroomPage(id, transcript == "1"), "text/html; charset=utf-8"));
        _newsroom.MapGet("/read/{id}", (string id) => Results.Content(ReadAlongPage(id), "text/html; charset=utf-8"));
        _newsroom.MapGet("/framed/{id}", (string id, string? query) => Results.Content(FramedPage(id, query), "text/html; charset=utf-8"));
        await _newsroom.StartAsync();
        var ports = _newsroom.Urls.Select(url => new Uri(url).Port).ToList();
        NewsroomOrigin = $"http://localhost:{ports[0]}";
        CrossSiteOrigin = $"http://127.0.0.1:{ports[0]}";
        StrangerOrigin = $"http://localhost:{ports[1]}";

        Service = new TestService(
            _database.ConnectionString,
            new Dictionary<string, string?> { ["Player:AllowedOrigins:0"] = NewsroomOrigin, ["Player:AllowedOrigins:1"] = CrossSiteOrigin },
            services => services.AddLogging(l => l.AddProvider(Logs)));
        Service.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        Service.StartServer();
        var bound = new Uri(Service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Origin = $"http://localhost:{bound.Port}";
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{bound.Port}") };
        Cms = new Cms(Http);

        var articles = new List<JsonObject>
        {
            Cms.Article(English, "Council approves the water plan", paragraphs: 2),
            await SampleAsync(Arabic + ".json"),
            await SampleAsync("roya-putin-iran.json"),
            Cms.Article("player-xss-image", ImageTitle, paragraphs: 1),
            Cms.Article("player-xss-script", ScriptTitle, paragraphs: 1),
        };
        foreach (var article in articles)
        {
            using var accepted = await Cms.PublishAsync(article);
            Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, $"{article["id"]}: {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
        }

        var answers = await Task.WhenAll(articles.Select(a => Cms.WaitForAsync(a["id"]!.GetValue<string>(), "ready", RenderTimeout, HasAudio)));
        foreach (var answer in answers)
        {
            Ready[answer.GetProperty("articleId").GetString()!] = answer;
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    private async Task<JsonObject> SampleAsync(string file)
    {
        var sample = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", file)))!.AsObject();
        Samples[sample["id"]!.GetValue<string>()] = sample;
        return (JsonObject)sample.DeepClone();
    }

    // The audio API can say "ready" a moment before it has the audio to go with it.
    private static bool HasAudio(JsonElement answer) => answer.GetProperty("audio").ValueKind == JsonValueKind.Object;

    /// <summary>A fresh browser context and page that records requests, script errors and console errors.</summary>
    public async Task<PlayerPage> OpenAsync(bool javaScript = true, int width = 720, int height = 560)
    {
        var context = await Browser.NewContextAsync(new() { JavaScriptEnabled = javaScript, ViewportSize = new() { Width = width, Height = height } });
        context.SetDefaultTimeout(10_000);
        return new PlayerPage(context, await context.NewPageAsync());
    }

    /// <summary>An article page of the newsroom's own site with the player's one script tag and element.</summary>
    private string NewsroomPage(string id, bool transcript) => $$"""
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Newsroom article</title><link rel="icon" href="data:,">
        <style>button { background: lime; } .label { display: none; }</style></head>
        <body>
        <h1>Story</h1>
        <roya-listen article-id="{{id}}"{{(transcript ? " transcript" : "")}}></roya-listen>
        <p>The story's own text.</p>
        <script src="{{Origin}}/player.js" defer></script>
        </body>
        </html>
        """;

    /// <summary>
    /// The sample article as a news site shows it: the title above the player, the story's own HTML in
    /// #article-body, and the player reading along in it (a click on a sentence plays from it).
    /// </summary>
    private string ReadAlongPage(string id)
    {
        var article = Samples[id];
        var language = article["language"]!.GetValue<string>();
        return $$"""
            <!doctype html>
            <html lang="{{language}}" dir="{{(language == "ar" ? "rtl" : "ltr")}}">
            <head><meta charset="utf-8"><title>Article</title><link rel="icon" href="data:,">
            <style>body { font: 17px/1.6 Georgia, serif; max-width: 40em; margin: 1em auto; padding: 0 1em; }</style></head>
            <body>
            <h1>{{System.Net.WebUtility.HtmlEncode(article["title"]!.GetValue<string>())}}</h1>
            <roya-listen article-id="{{id}}" read-along="#article-body" read-along-seek></roya-listen>
            <div id="article-body">
            {{article["body"]!.GetValue<string>()}}
            </div>
            <script src="{{Origin}}/player.js" defer></script>
            </body>
            </html>
            """;
    }

    /// <summary>The README's iframe snippet exactly as it stands there, with this service's address and the article's id.</summary>
    private string FramedPage(string id, string? query)
    {
        var snippet = ReadmeSnippets.Iframe()
            .Replace("https://audio.example.org/embed/roya-putin-iran-nowruz", $"{Origin}/embed/{id}{query}", StringComparison.Ordinal)
            .Replace("https://audio.example.org", Origin, StringComparison.Ordinal);
        return $"""
            <!doctype html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Framed</title><link rel="icon" href="data:,">
            <style>body {"{"} margin: 0; padding: 12px; font-family: sans-serif; {"}"}</style></head>
            <body>
            <h1>Story</h1>
            {snippet}
            <p>The story's own text.</p>
            </body>
            </html>
            """;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }

        if (_newsroom is not null)
        {
            await _newsroom.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
