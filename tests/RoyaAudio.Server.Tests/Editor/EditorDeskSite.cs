using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RoyaAudio.Server.Tests.Listening;
using RoyaAudio.Server.Tests.Player;
using RoyaAudio.Server.Tests.Support;
using RoyaAudio.SpeechServer;
using static Microsoft.Playwright.Assertions;

namespace RoyaAudio.Server.Tests.Editor;

/// <summary>
/// The desk against the service on Kestrel whose default voice is the local speech server, transcribed
/// after each render; the voice keeps leaving out the last sentence of every packed unit, so every article's
/// audio has flagged sentences to review. English and Arabic articles, a page and more of drafts, one
/// article with listening over several days, and one that a lexicon entry has left outdated.
/// </summary>
public sealed class EditorDeskSite : IAsyncLifetime
{
    public const string SpeechKey = "desk-speech-key";
    public const string Harbour = "desk-harbour-tour";
    public const string HarbourTitle = "Harbour tour boats return for the summer";
    public const string Water = "desk-water-plan";
    public const string WaterTitle = "Council approves the water plan";
    public const string Bridge = "desk-bridge-works";
    public const string BridgeTitle = "Bridge works close the river road";
    public const string Arabic = "desk-ar-budget";
    public const string ArabicTitle = "مجلس المدينة يقر ميزانية المياه";
    public const string MarketTerm = "Quayside";
    public static readonly string[] Markets = ["desk-quayside-market", "desk-quayside-stalls"];
    public const string OutdatedTerm = "Lighthouse";
    public const string Outdated = "desk-lighthouse";
    public const int Drafts = 22;

    /// <summary>Seeded listening of <see cref="Harbour"/>: today, and three days before.</summary>
    public static readonly (int Plays, int Reached25, int Reached50, int Reached75, int Completed) Today = (5, 4, 3, 2, 1);
    public const int PlaysThreeDaysAgo = 2;

    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(150);
    private readonly TestPostgres _database = new();
    private string? _previousKey;
    private LocalSpeechServer _speech = null!;
    private IPlaywright _playwright = null!;

    public TestService Service { get; private set; } = null!;

    public string Origin { get; private set; } = "";

    public HttpClient Http { get; private set; } = null!;

    public Cms Cms { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public LocalSpeechServer Speech => _speech;

    public int Articles => 5 + Markets.Length + Drafts;

    public static string Screenshot(string name)
    {
        Directory.CreateDirectory(PlayerSite.ScreenshotDirectory);
        return Path.Combine(PlayerSite.ScreenshotDirectory, name);
    }

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _speech = await LocalSpeechServer.StartAsync(new SpeechServerOptions { ApiKey = SpeechKey, Content = { DropLastSentence = 100_000 } });
        _previousKey = Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY");
        Environment.SetEnvironmentVariable("AZURE_OPENAI_API_KEY", SpeechKey);
        Service = new TestService(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Tts:Provider"] = "azure-openai",
            ["Tts:AzureOpenAI:Endpoint"] = _speech.BaseAddress.ToString(),
            ["Tts:AzureOpenAI:Deployment"] = "newsroom-tts",
            ["Tts:AzureOpenAI:RequestsPerMinute"] = "100000",
            ["Tts:AzureOpenAI:RequestTimeoutSeconds"] = "20",
            ["Verification:TranscriptionDeployment"] = "newsroom-transcribe",
            ["Jobs:MaxAttempts"] = "1",
            // The listening seeded below comes as the player's beacons do, from an article site.
            ["Player:AllowedOrigins:0"] = "http://localhost",
        });
        Service.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        Service.StartServer();
        var bound = new Uri(Service.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Origin = $"http://localhost:{bound.Port}";
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{bound.Port}") };
        Cms = new Cms(Http);

        JsonObject[] rendered =
        [
            Cms.Article(Harbour, HarbourTitle, paragraphs: 2),
            Cms.Article(Water, WaterTitle, paragraphs: 2),
            Cms.Article(Bridge, BridgeTitle, paragraphs: 1),
            ArabicArticle(),
            Story(Markets[0], "Quayside market reopens after the floods", $"The {MarketTerm} market opens on Saturday. Twelve stalls are back."),
            Story(Markets[1], "Stallholders return to the harbour front", $"Traders said the {MarketTerm} stalls were rebuilt. The council paid for the roofs."),
            Story(Outdated, "The old lighthouse gets a new lamp", $"The {OutdatedTerm} keepers lit the lamp again. Visitors may climb it from June."),
        ];
        foreach (var article in rendered)
        {
            await PublishAsync(article);
        }

        // Drafts are listed but never rendered: enough of them to make a second page.
        for (var i = 1; i <= Drafts; i++)
        {
            await PublishAsync(Cms.Article($"desk-draft-{i:00}", $"Draft {i:00}: notes from the newsroom", paragraphs: 1, status: "draft"));
        }

        await Task.WhenAll(rendered.Select(a => Cms.WaitForAsync(a["id"]!.GetValue<string>(), "ready", RenderTimeout)));

        // A respelling saved after the render leaves that audio behind the script.
        using (var outdated = await EditorAsync(HttpMethod.Put, $"/api/lexicon/en/{OutdatedTerm}", new { spoken = "light house" }))
        {
            Assert.Equal(HttpStatusCode.OK, outdated.StatusCode);
        }

        await SeedListeningAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required"],
        });
    }

    /// <summary>
    /// Today's listening as the player's beacons bring it, each play its own page view; three days ago as the
    /// counters keep a day (play tokens are only good for hours, so no beacon can be sent for a past day).
    /// </summary>
    private async Task SeedListeningAsync()
    {
        await Beacons.CountAsync(Http, Harbour, "25", Today.Reached25);
        await Beacons.CountAsync(Http, Harbour, "play", Today.Plays - Today.Reached25);
        await Beacons.CountAsync(Http, Harbour, "50", Today.Reached50);
        await Beacons.CountAsync(Http, Harbour, "75", Today.Reached75);
        await Beacons.CountAsync(Http, Harbour, "100", Today.Completed);
        var day = DateTime.UtcNow.Date.AddDays(-3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await _database.ScalarAsync<int>($"INSERT INTO listening (article_id, day, plays) VALUES ('{Harbour}', '{day}', {PlaysThreeDaysAgo}) RETURNING 1");
    }

    private async Task PublishAsync(JsonObject article)
    {
        using var accepted = await Cms.PublishAsync(article);
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, $"{article["id"]}: {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
    }

    private static JsonObject Story(string id, string title, string paragraph) => new()
    {
        ["id"] = id, ["language"] = "en", ["title"] = title, ["status"] = "published", ["body"] = $"<p>{paragraph}</p>",
    };

    private static JsonObject ArabicArticle() => new()
    {
        ["id"] = Arabic,
        ["language"] = "ar",
        ["title"] = ArabicTitle,
        ["status"] = "published",
        ["body"] = "<p>أقر مجلس المدينة ميزانية المياه الجديدة. وتصل الخطة إلى آلاف المنازل.</p><p>ويبدأ العمل في الربيع. وقال رئيس المجلس إن الأنابيب القديمة ستستبدل.</p>",
    };

    /// <summary>A failed newest rendition for the article, with the reason a worker gives, beside its ready one.</summary>
    public async Task RecordFailedRenderAsync(string articleId, string reason)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await _database.ScalarAsync<long>(
            $"""
            INSERT INTO renditions (article_id, script_hash, engine, queue, status, reason, attempts, created_at, finished_at)
            VALUES ('{articleId}', 'recorded', 'azure-openai', 'editor', 'failed', '{reason.Replace("'", "''", StringComparison.Ordinal)}', 1, {now}, {now}) RETURNING id
            """);
    }

    /// <summary>An editor's API call with the bearer key.</summary>
    public async Task<HttpResponseMessage> EditorAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestService.EditorKey);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        }

        return await Http.SendAsync(request);
    }

    /// <summary>A fresh browser that opens /editor, signs in with the key and lands on the desk.</summary>
    public async Task<PlayerPage> SignInAsync(int width = 1280, int height = 900, string key = TestService.EditorKey)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        context.SetDefaultTimeout(15_000);
        var page = new PlayerPage(context, await context.NewPageAsync());
        await page.Page.GotoAsync(Origin + "/editor");
        await Expect(page.Page).ToHaveURLAsync(Origin + "/editor/login?returnUrl=%2Feditor");
        await page.Page.FillAsync("#key", key);
        await page.Page.ClickAsync("button[type=submit]");
        await Expect(page.Page).ToHaveURLAsync(Origin + "/editor");
        await Expect(page.Page.Locator("#range")).ToContainTextAsync(" of ");
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

        Environment.SetEnvironmentVariable("AZURE_OPENAI_API_KEY", _previousKey);
        if (_speech is not null)
        {
            await _speech.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
