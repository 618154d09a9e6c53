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
        newsroom.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        newsroom.Logging.ClearProviders();
        _newsroom = newsroom.Build();
        _newsroom.MapGet("/news/{id}", (string id, string? transcript) => Results.Content(NewsroomPage(id, transcript == "1"), "text/html; charset=utf-8"));
        await _newsroom.StartAsync();
        NewsroomOrigin = $"http://localhost:{new Uri(_newsroom.Urls.First()).Port}";

        Service = new TestService(_database.ConnectionString, new Dictionary<string, string?> { ["Player:AllowedOrigins:0"] = NewsroomOrigin });
        Service.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        Service.StartServer();
        var bound = new Uri(Service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Origin = $"http://localhost:{bound.Port}";
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{bound.Port}") };
        Cms = new Cms(Http);

        var articles = new List<JsonObject>
        {
            Cms.Article(English, "Council approves the water plan", paragraphs: 2),
            JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Samples", Arabic + ".json")))!.AsObject(),
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

    // The audio API can say "ready" a moment before it has the audio to go with it.
    private static bool HasAudio(JsonElement answer) => answer.GetProperty("audio").ValueKind == JsonValueKind.Object;

    /// <summary>A fresh browser context and page that records requests, script errors and console errors.</summary>
    public async Task<PlayerPage> OpenAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new() { JavaScriptEnabled = javaScript, ViewportSize = new() { Width = 720, Height = 560 } });
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
