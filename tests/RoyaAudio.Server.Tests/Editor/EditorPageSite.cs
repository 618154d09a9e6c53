using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RoyaAudio.Server.Tests.Player;
using RoyaAudio.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RoyaAudio.Server.Tests.Editor;

/// <summary>The service on real Kestrel with a few ready articles, and one headless Chromium to sign in with.</summary>
public sealed class EditorPageSite : IAsyncLifetime
{
    public const string Story = "editor-council-water";
    public const string StoryTitle = "Council approves the water plan";
    public const string ScriptStory = "editor-bridge-works";
    public const string HostileStory = "editor-xss-image";
    public const string FailingStory = "editor-ferry-timetable";
    public const string FailingTitle = "Ferry timetable changes for winter";

    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(60);
    private readonly TestPostgres _database = new();
    private IPlaywright _playwright = null!;

    public TestService Service { get; private set; } = null!;

    /// <summary>What the browser uses.</summary>
    public string Origin { get; private set; } = "";

    public HttpClient Http { get; private set; } = null!;

    public Cms Cms { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        // One attempt, so a render that cannot succeed shows as failed at once instead of retrying.
        Service = new TestService(_database.ConnectionString, new Dictionary<string, string?> { ["Jobs:MaxAttempts"] = "1" });
        Service.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        Service.StartServer();
        var bound = new Uri(Service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Origin = $"http://localhost:{bound.Port}";
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{bound.Port}") };
        Cms = new Cms(Http);

        JsonObject[] articles =
        [
            Cms.Article(Story, StoryTitle, paragraphs: 2),
            Cms.Article(ScriptStory, "Bridge works close the river road", paragraphs: 1),
            Cms.Article(HostileStory, PlayerSite.ImageTitle, paragraphs: 1),
            Cms.Article(FailingStory, FailingTitle, paragraphs: 1),
        ];
        foreach (var article in articles)
        {
            using var accepted = await Cms.PublishAsync(article);
            Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, $"{article["id"]}: {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
        }

        await Task.WhenAll(articles.Select(a => Cms.WaitForAsync(a["id"]!.GetValue<string>(), "ready", RenderTimeout)));

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required"],
        });
    }

    /// <summary>A failed newest rendition for the article, with the reason a worker gives, beside its ready one.</summary>
    public async Task RecordFailedRenderAsync(string articleId, string reason)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await _database.ScalarAsync<long>(
            $"""
            INSERT INTO renditions (article_id, script_hash, engine, queue, status, reason, attempts, created_at, finished_at)
            VALUES ('{articleId}', 'recorded', 'espeak', 'editor', 'failed', '{reason.Replace("'", "''", StringComparison.Ordinal)}', 1, {now}, {now}) RETURNING id
            """);
    }

    /// <summary>A fresh browser that opens /editor, is sent to the sign-in form, signs in with the editor key and lands back on /editor.</summary>
    public async Task<PlayerPage> SignInAsync()
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(10_000);
        var page = new PlayerPage(context, await context.NewPageAsync());
        await page.Page.GotoAsync(Origin + "/editor");
        await Expect(page.Page).ToHaveURLAsync(Origin + "/editor/login?returnUrl=%2Feditor");
        await page.Page.FillAsync("#key", TestService.EditorKey);
        await page.Page.ClickAsync("button[type=submit]");
        await Expect(page.Page).ToHaveURLAsync(Origin + "/editor");
        return page;
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

        await _database.DisposeAsync();
    }
}
