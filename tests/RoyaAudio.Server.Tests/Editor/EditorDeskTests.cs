using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RoyaAudio.Server.Tests.Player;
using RoyaAudio.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RoyaAudio.Server.Tests.Editor;

/// <summary>The editors' desk, one flow a test, in headless Chromium against the service with a transcribed remote voice.</summary>
[Collection(ServiceTests.Name)]
public sealed class EditorDeskTests(EditorDeskSite site) : IClassFixture<EditorDeskSite>
{
    private const string PlayerAudio = "document.querySelector('#preview roya-listen')?.audio";

    private static ILocator Row(PlayerPage p, string title) =>
        p.Page.Locator("#articles tbody tr").Filter(new() { Has = p.Page.Locator("td.title .name", new() { HasTextString = title }) });

    private static ILocator ReviewItem(PlayerPage p, string id) => p.Page.Locator($"#review-list article[data-article='{id}']");

    private static async Task SearchAsync(PlayerPage p, string text)
    {
        await p.Page.FillAsync("#q", text);
        await p.Page.PressAsync("#q", "Enter");
    }

    private static async Task OpenAsync(PlayerPage p, string title)
    {
        await SearchAsync(p, title);
        await Expect(p.Page.Locator("#articles tbody tr")).ToHaveCountAsync(1);
        await Row(p, title).Locator(".open button").ClickAsync();
        await Expect(p.Page.Locator("#article-title")).ToHaveTextAsync(title);
    }

    private async Task<JsonElement> JsonAsync(string path)
    {
        using var answer = await site.EditorAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Presses Tab (or Shift+Tab) until the focused element matches, as a keyboard user would.</summary>
    private static async Task TabToAsync(PlayerPage p, string selector, bool back = false, int most = 200)
    {
        for (var i = 0; i < most; i++)
        {
            await p.Page.Keyboard.PressAsync(back ? "Shift+Tab" : "Tab");
            if (await p.Page.EvaluateAsync<bool>("(s) => !!document.activeElement && document.activeElement.matches(s)", selector))
            {
                return;
            }
        }

        Assert.Fail($"{selector} was not reached with the keyboard in {most} presses");
    }

    [Fact]
    public async Task The_list_is_searched_filtered_and_paged_with_its_listening_and_tags_from_one_call()
    {
        await using var p = await site.SignInAsync();
        var total = site.Articles;
        await Expect(p.Page.Locator("#range")).ToHaveTextAsync($"1–20 of {total}");
        await Expect(p.Page.Locator("#articles tbody tr")).ToHaveCountAsync(20);
        await Expect(p.Page.Locator("#prev")).ToBeDisabledAsync();
        await p.Page.ClickAsync("#next");
        await Expect(p.Page.Locator("#range")).ToHaveTextAsync($"21–{total} of {total}");
        await Expect(p.Page.Locator("#articles tbody tr")).ToHaveCountAsync(total - 20);
        await Expect(p.Page.Locator("#next")).ToBeDisabledAsync();
        // The focus moves off the button that can no longer be used.
        await Expect(p.Page.Locator("#prev")).ToBeFocusedAsync();
        await p.Page.ClickAsync("#prev");
        await Expect(p.Page.Locator("#range")).ToHaveTextAsync($"1–20 of {total}");

        // By title, then by id.
        await SearchAsync(p, "harbour tour");
        await Expect(p.Page.Locator("#articles tbody td.title .name")).ToHaveTextAsync([EditorDeskSite.HarbourTitle]);
        await Expect(p.Page.Locator("#range")).ToHaveTextAsync("1–1 of 1");
        var harbour = Row(p, EditorDeskSite.HarbourTitle);
        await Expect(harbour.Locator(".plays")).ToHaveTextAsync("7");
        await Expect(harbour.Locator(".completion")).ToHaveTextAsync("14%");
        await Expect(harbour.Locator(".tag.review")).ToHaveTextAsync(new Regex(@"^\d+ to hear$"));
        await SearchAsync(p, EditorDeskSite.Water);
        await Expect(p.Page.Locator("#articles tbody td.title .name")).ToHaveTextAsync([EditorDeskSite.WaterTitle]);

        // Filters: status, edition, needs review, outdated.
        await SearchAsync(p, "");
        await p.Page.SelectOptionAsync("#filter-status", "ready");
        await Expect(p.Page.Locator("#range")).ToHaveTextAsync(new Regex(@"^1–\d of \d$"));
        Assert.All(await p.Page.Locator("#articles tbody .status .state").AllTextContentsAsync(), state => Assert.Equal("ready", state));
        await p.Page.SelectOptionAsync("#filter-language", "ar");
        await Expect(p.Page.Locator("#articles tbody td.title .name")).ToHaveTextAsync([EditorDeskSite.ArabicTitle]);
        await p.Page.SelectOptionAsync("#filter-language", "");
        await p.Page.SelectOptionAsync("#filter-status", "");
        await p.Page.SelectOptionAsync("#filter-show", "outdated");
        await Expect(p.Page.Locator("#articles tbody tr")).ToHaveCountAsync(1);
        var outdated = p.Page.Locator("#articles tbody tr").First;
        await Expect(outdated.Locator(".tag.outdated")).ToHaveTextAsync("outdated");
        await Expect(outdated.Locator(".status")).ToHaveAttributeAsync("aria-label", new Regex("no longer matches the script"));
        var review = p.Page.WaitForResponseAsync(r => r.Url.Contains("filter=review", StringComparison.Ordinal));
        await p.Page.SelectOptionAsync("#filter-show", "review");
        await (await review).FinishedAsync();
        var pending = (await JsonAsync("/api/articles?filter=review&pageSize=20")).EnumerateArray().Select(a => a.GetProperty("title").GetString()!).ToList();
        Assert.NotEmpty(pending);
        await Expect(p.Page.Locator("#articles tbody td.title .name")).ToHaveTextAsync(pending.ToArray());
        await Expect(p.Page.Locator("#articles tbody tr .tag.review")).ToHaveCountAsync(pending.Count);
        await Expect(p.Page.Locator("#articles tbody .tag", new() { HasTextString = "draft" })).ToHaveCountAsync(0);

        // One call gives the rows with their listening; the old per-row figures are not asked for.
        var lists = p.Requests.Select(r => new Uri(r.Url)).Where(u => u.AbsolutePath == "/api/articles").Select(u => u.Query).ToList();
        Assert.Contains(lists, q => q.Contains("filter=review", StringComparison.Ordinal) && q.Contains("pageSize=20", StringComparison.Ordinal));
        Assert.Contains(lists, q => q.Contains("q=harbour%20tour", StringComparison.Ordinal));
        Assert.Contains(lists, q => q.Contains("page=2", StringComparison.Ordinal));
        Assert.DoesNotContain(p.Requests, r => new Uri(r.Url).AbsolutePath == "/api/listening");
        p.AssertNoProblems();
    }

    [Fact]
    public async Task A_voice_is_chosen_from_the_edition_s_list_default_first_heard_and_a_refused_one_says_why()
    {
        await using var p = await site.SignInAsync();
        await OpenAsync(p, EditorDeskSite.WaterTitle);
        var voices = await JsonAsync("/api/voices?language=en&engine=azure-openai");
        var defaultVoice = voices.GetProperty("default").GetString()!;
        await Expect(p.Page.Locator("#engine")).ToHaveValueAsync("azure-openai");
        await Expect(p.Page.Locator("#voice option").First).ToHaveAttributeAsync("value", defaultVoice);
        await Expect(p.Page.Locator("#voice option").First).ToHaveTextAsync(new Regex(@"\(default\)$"));
        await Expect(p.Page.Locator("#voice option")).ToHaveCountAsync(voices.GetProperty("voices").GetArrayLength());
        await Expect(p.Page.Locator("#voice")).ToHaveValueAsync(defaultVoice);

        // Another engine: its own voices for the edition.
        var espeak = await JsonAsync("/api/voices?language=en&engine=espeak");
        await p.Page.SelectOptionAsync("#engine", "espeak");
        await Expect(p.Page.Locator("#voice option")).ToHaveCountAsync(espeak.GetProperty("voices").GetArrayLength());
        await Expect(p.Page.Locator("#voice option").First).ToHaveAttributeAsync("value", espeak.GetProperty("default").GetString()!);
        await p.Page.SelectOptionAsync("#voice", "en-gb");
        var sample = p.Page.WaitForResponseAsync(r => r.Url.Contains("/api/voices/espeak/en-gb/sample", StringComparison.Ordinal));
        await p.Page.ClickAsync("#hear-voice");
        var wav = await sample;
        Assert.Equal(200, wav.Status);
        Assert.Equal("audio/wav", await wav.HeaderValueAsync("content-type"));
        await Expect(p.Page.Locator("#regenerate-status")).ToHaveTextAsync(new Regex(@"^Playing .+: \d+\.\d s$"));

        // A name the list no longer holds (a stale page) is refused with the service's reason, and nothing renders.
        var before = (await JsonAsync($"/api/articles/{EditorDeskSite.Water}/renditions")).GetArrayLength();
        await p.Page.EvaluateAsync("() => { const o = document.createElement('option'); o.value = o.textContent = 'xx-no-such-voice'; document.getElementById('voice').append(o); }");
        await p.Page.SelectOptionAsync("#voice", "xx-no-such-voice");
        await p.Page.ClickAsync("#regenerate button[type=submit]");
        await Expect(p.Page.Locator("#regenerate-status")).ToHaveTextAsync(new Regex("^Not regenerated: 'xx-no-such-voice' is not an espeak voice for en: choose one of .*en-gb"));
        await Expect(p.Page.Locator("#regenerate button[type=submit]")).ToBeEnabledAsync();
        Assert.Equal(before, (await JsonAsync($"/api/articles/{EditorDeskSite.Water}/renditions")).GetArrayLength());
        Assert.All(p.Problems, problem => Assert.Contains("status of 422", problem, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_review_tab_shows_what_was_heard_accepts_a_sentence_in_the_editor_s_name_and_rereads_another()
    {
        await using var p = await site.SignInAsync();
        await p.Page.ClickAsync("#tab-review");
        await Expect(p.Page.Locator("#tab-review")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(p.Page.Locator("#articles-panel")).ToBeHiddenAsync();
        var water = ReviewItem(p, EditorDeskSite.Water);
        await Expect(water.Locator("h3")).ToHaveTextAsync(EditorDeskSite.WaterTitle);
        var doubts = water.Locator("li.doubt");
        Assert.True(await doubts.CountAsync() >= 2, $"{await doubts.CountAsync()} doubted sentences");
        var index = await doubts.Filter(new() { Has = p.Page.Locator("button", new() { HasTextString = "Accept" }) }).First.GetAttributeAsync("data-index");
        var pending = water.Locator($"li.doubt[data-index='{index}']");

        // What was heard beside what was said: the words that differ are marked, with words for screen readers.
        await Expect(pending.Locator(".text")).Not.ToBeEmptyAsync();
        await Expect(pending.Locator(".heard del").First).ToBeAttachedAsync();
        await Expect(pending.Locator(".heard del .hidden-label").First).ToHaveTextAsync(new Regex("^(said|not heard): $"));
        await Expect(pending.Locator(".reason")).ToContainTextAsync("was not heard");

        // Play from here: the item's own player, at the sentence.
        var sentence = (await JsonAsync("/api/review")).EnumerateArray().Single(r => r.GetProperty("articleId").GetString() == EditorDeskSite.Water)
            .GetProperty("sentences").EnumerateArray().Single(s => s.GetProperty("index").GetInt32().ToString(CultureInfo.InvariantCulture) == index);
        await pending.Locator("button", new() { HasTextString = "Play from here" }).ClickAsync();
        var start = sentence.GetProperty("startMs").GetInt64() / 1000.0;
        await p.Page.WaitForFunctionAsync(
            $"() => {{ const a = document.querySelector(\"#review-list article[data-article='{EditorDeskSite.Water}'] roya-listen\")?.audio; return !!a && !a.paused && a.currentTime >= {start.ToString(CultureInfo.InvariantCulture)} - 0.05; }}");

        // Add to lexicon fills the form with a word of the sentence.
        await pending.Locator("button", new() { HasTextString = "Add to lexicon" }).ClickAsync();
        await Expect(p.Page.Locator("#term")).Not.ToHaveValueAsync("");
        await Expect(p.Page.Locator("#spoken")).ToBeFocusedAsync();
        await Expect(p.Page.Locator("#lexicon-language")).ToHaveValueAsync("en");

        var accept = p.Page.WaitForResponseAsync(r => r.Url.EndsWith($"/sentences/{index}/accept", StringComparison.Ordinal));
        await pending.Locator("button", new() { HasTextString = "Accept" }).ClickAsync();
        Assert.Equal(200, (await accept).Status);
        await Expect(pending.Locator(".accepted")).ToHaveTextAsync("Accepted by test editor");
        await Expect(pending.Locator(".accepted")).ToBeFocusedAsync();
        await Expect(water.Locator(".item-status")).ToContainTextAsync("accepted by test editor");

        // Re-read a sentence of the bridge story: one render, followed to its end, and the review shows the new audio.
        var bridge = ReviewItem(p, EditorDeskSite.Bridge);
        var oldKey = await bridge.GetAttributeAsync("data-key");
        var reread = p.Page.WaitForResponseAsync(r => r.Url.Contains($"/api/articles/{EditorDeskSite.Bridge}/sentences/", StringComparison.Ordinal) && r.Url.EndsWith("/reread", StringComparison.Ordinal));
        await bridge.Locator("li.doubt button", new() { HasTextString = "Re-read this sentence" }).First.ClickAsync();
        Assert.Equal(202, (await reread).Status);
        await Expect(ReviewItem(p, EditorDeskSite.Bridge)).Not.ToHaveAttributeAsync("data-key", oldKey!, new() { Timeout = 90_000 });
        var latest = (await JsonAsync($"/api/articles/{EditorDeskSite.Bridge}/renditions")).EnumerateArray().Last();
        Assert.Equal("ready", latest.GetProperty("status").GetString());
        p.AssertNoProblems();
    }

    [Fact]
    public async Task A_failed_render_in_the_review_shows_its_reason_and_can_be_regenerated()
    {
        const string Reason = "attempt 1 of 1: the speech service refused the request (400): voice 'robot' is not available";
        await site.RecordFailedRenderAsync(EditorDeskSite.Markets[1], Reason);
        await using var p = await site.SignInAsync();
        // Answered here, so the article's audio stays as the other tests expect it.
        var asked = 0;
        await p.Page.RouteAsync($"**/api/articles/{EditorDeskSite.Markets[1]}/audio/regenerate", route =>
        {
            asked++;
            return route.FulfillAsync(new() { Status = 202, ContentType = "application/json", Body = $$"""{"articleId":"{{EditorDeskSite.Markets[1]}}","status":"queued","renditionId":999999,"changed":true}""" });
        });
        await p.Page.RouteAsync($"**/api/articles/{EditorDeskSite.Markets[1]}/renditions", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Body = """[{"id":999999,"status":"ready","settled":true,"reason":null,"attempts":1,"queue":"editor","engine":"azure-openai","voice":null,"durationMs":1000,"characters":10,"costUsd":0,"createdAt":"2026-01-01T00:00:00Z","finishedAt":"2026-01-01T00:00:01Z","verification":null}]""",
        }));
        await p.Page.ClickAsync("#tab-review");
        var failed = p.Page.Locator($"#review-list article.failed[data-article='{EditorDeskSite.Markets[1]}']");
        await Expect(failed.Locator(".reason")).ToHaveTextAsync("The render failed: " + Reason);
        await Expect(failed.Locator("li.doubt")).ToHaveCountAsync(0);
        await failed.Locator("button", new() { HasTextString = "Regenerate" }).ClickAsync();
        await Expect(failed.Locator(".item-status")).ToHaveTextAsync("Ready.");
        Assert.Equal(1, asked);
        p.AssertNoProblems();
    }

    [Fact]
    public async Task Clicking_the_waveform_or_pressing_Enter_on_a_sentence_plays_from_there_in_the_product_s_player()
    {
        await using var p = await site.SignInAsync();
        await OpenAsync(p, EditorDeskSite.HarbourTitle);
        var wave = await JsonAsync($"/api/articles/{EditorDeskSite.Harbour}/waveform");
        var sentences = wave.GetProperty("sentences").EnumerateArray().ToList();
        await Expect(p.Page.Locator("#waveform svg.wave path.envelope")).ToBeAttachedAsync();
        await Expect(p.Page.Locator("#waveform g.sentence")).ToHaveCountAsync(sentences.Count);
        var flaggedCount = sentences.Count(s => s.GetProperty("flagged").GetBoolean());
        Assert.True(flaggedCount > 0);
        await Expect(p.Page.Locator("#waveform g.sentence.flagged")).ToHaveCountAsync(flaggedCount);
        await Expect(p.Page.Locator("#waveform .flag")).ToHaveCountAsync(flaggedCount);
        await Expect(p.Page.Locator("#waveform g.sentence.flagged").First).ToHaveAttributeAsync("aria-label", new Regex(", flagged: play from here$"));
        // The bare audio element is gone: the listeners' player with its transcript plays, and an editor's play is not counted.
        await Expect(p.Page.Locator("#preview roya-listen[transcript][preview]")).ToHaveCountAsync(1);
        await Expect(p.Page.Locator("#preview .transcript span").First).ToBeVisibleAsync();
        await Expect(p.Page.Locator("#preview > audio")).ToHaveCountAsync(0);

        var flagged = sentences.First(s => s.GetProperty("flagged").GetBoolean());
        var index = flagged.GetProperty("index").GetInt32();
        double Seconds(JsonElement s, string name) => s.GetProperty(name).GetInt64() / 1000.0;
        await p.Page.Locator($"#waveform g.sentence[data-index='{index}']").ClickAsync();
        await p.Page.WaitForFunctionAsync($"() => {{ const a = {PlayerAudio}; return !!a && !a.paused && a.currentTime > 0; }}");
        var at = await p.Page.EvaluateAsync<double>($"() => {PlayerAudio}.currentTime");
        Assert.InRange(at, Seconds(flagged, "startMs") - 0.05, Seconds(flagged, "endMs") + 1.0);
        await Expect(p.Page.Locator("#preview .transcript .on")).ToHaveCountAsync(1);

        // With the keyboard: Tab to another sentence and press Enter plays from its start.
        var other = sentences.First(s => s.GetProperty("index").GetInt32() != index && s.GetProperty("startMs").GetInt64() > 500);
        await p.Page.Locator($"#waveform g.sentence[data-index='{other.GetProperty("index").GetInt32()}']").FocusAsync();
        await p.Page.Keyboard.PressAsync("Enter");
        var from = Seconds(other, "startMs");
        await p.Page.WaitForFunctionAsync($"() => {{ const a = {PlayerAudio}; return !!a && !a.paused && Math.abs(a.currentTime - {from.ToString(CultureInfo.InvariantCulture)}) < 0.8; }}");
        await p.Page.WaitForTimeoutAsync(500);
        Assert.DoesNotContain(p.Requests, r => new Uri(r.Url).AbsolutePath == "/api/events");
        p.AssertNoProblems();
    }

    [Fact]
    public async Task An_opened_article_lists_its_versions_newest_first_with_the_one_listeners_hear_on_air()
    {
        const string id = "desk-corrected-story";
        const string title = "Ferry timetable corrected";
        (await site.Cms.PublishAsync(Cms.Article(id, title, paragraphs: 1))).EnsureSuccessStatusCode();
        var first = await site.Cms.WaitForAsync(id, "ready", TimeSpan.FromSeconds(120));
        // The newsroom corrects the story: a second version replaces the first.
        (await site.Cms.PublishAsync(Cms.Article(id, title, paragraphs: 2))).EnsureSuccessStatusCode();
        await site.Cms.WaitForAsync(id, "ready", TimeSpan.FromSeconds(120),
            a => a.GetProperty("audio").GetProperty("url").GetString() != first.GetProperty("audio").GetProperty("url").GetString());

        await using var p = await site.SignInAsync();
        await OpenAsync(p, title);
        var rows = p.Page.Locator("#history table tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        var history = await JsonAsync($"/api/articles/{id}/renditions");
        var (older, newer) = (history[0], history[1]);
        await Expect(rows.Nth(0).Locator("th")).ToHaveTextAsync($"#{newer.GetProperty("id").GetInt64()}");
        await Expect(rows.Nth(0).Locator("td").Nth(0)).ToHaveTextAsync("ready · on air");
        await Expect(rows.Nth(1).Locator("th")).ToHaveTextAsync($"#{older.GetProperty("id").GetInt64()}");
        await Expect(rows.Nth(1).Locator("td").Nth(0)).ToHaveTextAsync(older.GetProperty("status").GetString()!);
        await p.Page.Locator("#history").ScreenshotAsync(new() { Path = EditorDeskSite.Screenshot("desk-versions.png") });
        p.AssertNoProblems();
    }

    [Fact]
    public async Task The_charts_draw_the_completion_curve_and_30_days_of_plays_with_the_numbers_as_text()
    {
        await using var p = await site.SignInAsync();
        await OpenAsync(p, EditorDeskSite.HarbourTitle);
        var today = EditorDeskSite.Today;
        var plays = today.Plays + EditorDeskSite.PlaysThreeDaysAgo;
        var curve = p.Page.Locator("#charts figure").Nth(0);
        await Expect(curve.Locator("table tbody tr")).ToHaveCountAsync(5);
        string[] expected = [$"Played {plays}", $"25% {today.Reached25}", $"50% {today.Reached50}", $"75% {today.Reached75}", $"100% {today.Completed}"];
        Assert.Equal(expected, (await curve.Locator("table tbody tr").AllTextContentsAsync()).Select(t => Regex.Replace(t, @"(\D)(\d)", "$1 $2")).ToList());
        await Expect(curve.Locator("svg desc")).ToHaveTextAsync($"Played: {plays}, 25%: {today.Reached25}, 50%: {today.Reached50}, 75%: {today.Reached75}, 100%: {today.Completed}");
        await Expect(curve.Locator("svg circle")).ToHaveCountAsync(5);

        var days = p.Page.Locator("#charts figure").Nth(1);
        await Expect(days.Locator("svg rect.bar")).ToHaveCountAsync(30);
        await Expect(days.Locator("svg rect.bar.zero")).ToHaveCountAsync(28);
        var now = DateTime.UtcNow.Date;
        string Day(DateTime d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Expect(days.Locator($"svg rect[data-day='{Day(now)}']")).ToHaveAttributeAsync("data-plays", today.Plays.ToString(CultureInfo.InvariantCulture));
        await Expect(days.Locator($"svg rect[data-day='{Day(now.AddDays(-3))}']")).ToHaveAttributeAsync("data-plays", EditorDeskSite.PlaysThreeDaysAgo.ToString(CultureInfo.InvariantCulture));
        await Expect(days.Locator("table tbody tr")).ToHaveCountAsync(30);
        await Expect(days.Locator("table tbody tr").Last).ToHaveTextAsync($"{Day(now)}{today.Plays}");
        await Expect(days.Locator("table tbody tr").Nth(26)).ToHaveTextAsync($"{Day(now.AddDays(-3))}{EditorDeskSite.PlaysThreeDaysAgo}");
        await Expect(days.Locator("table tbody tr").First).ToHaveTextAsync($"{Day(now.AddDays(-29))}0");
        p.AssertNoProblems();
    }

    [Fact]
    public async Task A_saved_term_says_which_published_articles_use_it_and_regenerates_them_on_the_backfill_queue()
    {
        await using var p = await site.SignInAsync();
        var renditions = new Dictionary<string, int>();
        foreach (var id in EditorDeskSite.Markets)
        {
            renditions[id] = (await JsonAsync($"/api/articles/{id}/renditions")).GetArrayLength();
        }

        await p.Page.SelectOptionAsync("#lexicon-language", "en");
        await p.Page.FillAsync("#term", EditorDeskSite.MarketTerm);
        await p.Page.FillAsync("#spoken", "key side");
        await p.Page.ClickAsync("#lexicon-entry button[type=submit]");
        var impact = p.Page.Locator("#lexicon-impact");
        await Expect(impact).ToHaveTextAsync("2 published articles use this term: Regenerate these 2");
        var backfill = p.Page.WaitForRequestAsync(r => r.Url.EndsWith("/api/backfill", StringComparison.Ordinal) && r.Method == "POST");
        await impact.Locator("button", new() { HasTextString = "Regenerate these 2" }).ClickAsync();
        var sent = JsonDocument.Parse((await backfill).PostData!).RootElement;
        Assert.Equal(EditorDeskSite.Markets.Order(), sent.GetProperty("articleIds").EnumerateArray().Select(i => i.GetString()!).Order());
        await Expect(impact).ToHaveTextAsync("2 articles are queued to render again on the backfill queue.");
        await Expect(p.Page.Locator("#message")).ToHaveTextAsync("2 articles are queued to render again on the backfill queue.");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        foreach (var id in EditorDeskSite.Markets)
        {
            while ((await JsonAsync($"/api/articles/{id}/renditions")).GetArrayLength() <= renditions[id])
            {
                Assert.True(DateTime.UtcNow < deadline, $"{id} was not queued again");
                await Task.Delay(200);
            }
        }

        // A term no published audio says leaves nothing to regenerate.
        await p.Page.FillAsync("#term", "Xylophonist");
        await p.Page.FillAsync("#spoken", "zy-loff-onist");
        await p.Page.ClickAsync("#lexicon-entry button[type=submit]");
        await Expect(impact).ToHaveTextAsync("No published audio says “Xylophonist”: nothing to regenerate.");
        p.AssertNoProblems();
    }

    [Fact]
    public async Task The_sign_in_page_is_styled_with_a_Key_field_and_an_editor_at_the_dashboard_meets_a_styled_refusal()
    {
        foreach (var width in new[] { 1280, 390 })
        {
            var context = await site.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 800 } });
            await using var p = new PlayerPage(context, await context.NewPageAsync());
            await p.Page.GotoAsync(site.Origin + "/editor");
            await Expect(p.Page.Locator("label[for=key]")).ToHaveTextAsync("Key");
            await Expect(p.Page.Locator("h1")).ToHaveTextAsync("RoyaAudio desk");
            Assert.Equal("4px", await p.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.card')).borderTopWidth"));
            await p.Page.ScreenshotAsync(new() { Path = EditorDeskSite.Screenshot($"sign-in-{width}.png"), FullPage = true });

            await p.Page.FillAsync("#key", "not-a-key-0123456789abcdef");
            await p.Page.ClickAsync("button[type=submit]");
            await Expect(p.Page.Locator("[role=alert]")).ToHaveTextAsync("That key is not known. Check it and try again.");
            await Expect(p.Page.Locator("#key")).ToHaveAttributeAsync("aria-invalid", "true");
            if (width == 390)
            {
                await p.Page.ScreenshotAsync(new() { Path = EditorDeskSite.Screenshot("sign-in-refused-390.png"), FullPage = true });
            }

            await p.Page.FillAsync("#key", TestService.EditorKey);
            await p.Page.ClickAsync("button[type=submit]");
            await Expect(p.Page).ToHaveURLAsync(site.Origin + "/editor");
            await Expect(p.Page.Locator("#who-name")).ToHaveTextAsync("test editor");
            await Expect(p.Page.Locator("#who-role")).ToHaveTextAsync("editor");

            var dashboard = await p.Page.GotoAsync(site.Origin + "/hangfire");
            Assert.Equal(403, dashboard!.Status);
            Assert.StartsWith("text/html", await dashboard.HeaderValueAsync("content-type"), StringComparison.Ordinal);
            await Expect(p.Page.Locator("h2")).ToHaveTextAsync("This page is for admins");
            await Expect(p.Page.Locator(".lead")).ToHaveTextAsync("You are signed in as test editor (editor). The job dashboard is open to admin keys only.");
            Assert.Equal("4px", await p.Page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.card')).borderTopWidth"));
            await p.Page.ScreenshotAsync(new() { Path = EditorDeskSite.Screenshot($"refused-{width}.png"), FullPage = true });

            // An API client that asks for JSON keeps its problem document.
            var json = await p.Page.APIRequest.GetAsync(site.Origin + "/hangfire", new() { Headers = new Dictionary<string, string> { ["Accept"] = "application/json" } });
            Assert.Equal(403, json.Status);
            Assert.Equal("application/problem+json", json.Headers["content-type"].Split(';')[0]);

            await p.Page.ClickAsync("a.button");
            await Expect(p.Page).ToHaveURLAsync(site.Origin + "/editor");
            await Expect(p.Page.Locator("#range")).ToContainTextAsync(" of ");
            await p.Page.ClickAsync("header button[type=submit]");
            await Expect(p.Page).ToHaveURLAsync(new Regex("/editor/login(\\?returnUrl=%2Feditor)?$"));
            // The browser logs the refused key (401) and the refused dashboard (403) itself; nothing else may go wrong.
            Assert.All(p.Problems, problem => Assert.Matches("status of (401|403)", problem));
        }
    }

    [Fact]
    public async Task An_editor_can_search_open_play_switch_to_review_and_accept_with_the_keyboard_alone()
    {
        await using var p = await site.SignInAsync();
        await TabToAsync(p, "#q");
        await p.Page.Keyboard.TypeAsync("harbour tour");
        await p.Page.Keyboard.PressAsync("Enter");
        await Expect(p.Page.Locator("#articles tbody tr")).ToHaveCountAsync(1);
        await TabToAsync(p, "#articles .open button");
        Assert.Equal("solid", await p.Page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await p.Page.Keyboard.PressAsync("Enter");
        await Expect(p.Page.Locator("#article-title")).ToBeFocusedAsync();
        await Expect(p.Page.Locator("#waveform g.sentence").First).ToBeAttachedAsync();
        await TabToAsync(p, "#waveform g.sentence");
        await p.Page.Keyboard.PressAsync("Enter");
        await p.Page.WaitForFunctionAsync($"() => {{ const a = {PlayerAudio}; return !!a && !a.paused; }}");
        await Expect(p.Page.Locator("#message")).ToHaveTextAsync(new Regex(@"^Playing from \d+:\d\d\.$"));

        // The tabs: back to them, then the arrow keys.
        await TabToAsync(p, "#tab-articles", back: true);
        await p.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(p.Page.Locator("#tab-review")).ToBeFocusedAsync();
        await Expect(p.Page.Locator("#review-panel")).ToBeVisibleAsync();
        await Expect(ReviewItem(p, EditorDeskSite.Harbour)).ToBeVisibleAsync();
        await TabToAsync(p, $"#review-list article[data-article='{EditorDeskSite.Harbour}'] li.doubt button[aria-label^='Accept']");
        await p.Page.Keyboard.PressAsync("Enter");
        await Expect(p.Page.Locator(".accepted:focus")).ToHaveTextAsync("Accepted by test editor");
        await p.Page.Keyboard.PressAsync("Shift+Tab");
        await Expect(p.Page.Locator("#review-list button:focus")).ToHaveTextAsync("Re-read this sentence");
        p.AssertNoProblems();
    }

    [Fact]
    public async Task An_Arabic_article_s_title_script_and_review_read_right_to_left()
    {
        await using var p = await site.SignInAsync();
        await p.Page.SelectOptionAsync("#filter-language", "ar");
        var row = Row(p, EditorDeskSite.ArabicTitle);
        await Expect(row.Locator("td.title")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(row.Locator("td.title")).ToHaveAttributeAsync("lang", "ar");
        await Expect(p.Page.Locator("#articles tbody tr")).ToHaveCountAsync(1);
        await row.Locator(".open button").ClickAsync();
        await Expect(p.Page.Locator("#article-title")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(p.Page.Locator("#article")).ToHaveAttributeAsync("lang", "ar");
        await Expect(p.Page.Locator("#script")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(p.Page.Locator("#script li").First).ToContainTextAsync("مجلس المدينة");
        // The player lays itself out right to left with Arabic labels; the waveform's time still runs left to right.
        await Expect(p.Page.Locator("#preview .roya .label")).ToHaveTextAsync("استمع إلى هذا الخبر:");
        await Expect(p.Page.Locator("#waveform .wave-frame")).ToHaveAttributeAsync("dir", "ltr");
        await Expect(p.Page.Locator("#voice option").First).ToHaveTextAsync(new Regex(@"\(default\)$"));

        await p.Page.ClickAsync("#tab-review");
        var item = ReviewItem(p, EditorDeskSite.Arabic);
        await Expect(item.Locator("h3")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(item).ToHaveAttributeAsync("lang", "ar");
        await Expect(item.Locator("li.doubt .text").First).ToHaveAttributeAsync("dir", "rtl");
        await Expect(item.Locator("li.doubt .heard").First).ToHaveAttributeAsync("dir", "rtl");
        await item.Locator("button", new() { HasTextString = "Add to lexicon" }).First.ClickAsync();
        await Expect(p.Page.Locator("#lexicon-language")).ToHaveValueAsync("ar");
        await Expect(p.Page.Locator("#term")).ToHaveValueAsync(new Regex("^[\u0600-\u06FF]+$"));
        p.AssertNoProblems();
    }

    [Fact]
    public async Task Screenshots_of_the_desk_at_1280_and_390_pixels_in_English_and_Arabic()
    {
        foreach (var width in new[] { 1280, 390 })
        {
            await using var p = await site.SignInAsync(width, 900);
            await Expect(p.Page.Locator("#articles tbody tr")).ToHaveCountAsync(20);
            await p.Page.ScreenshotAsync(new() { Path = EditorDeskSite.Screenshot($"desk-{width}-list.png"), FullPage = true });

            await OpenAsync(p, EditorDeskSite.HarbourTitle);
            await Expect(p.Page.Locator("#waveform svg.wave")).ToBeVisibleAsync();
            await Expect(p.Page.Locator("#charts figure")).ToHaveCountAsync(2);
            await Expect(p.Page.Locator("#preview .roya")).ToBeVisibleAsync();
            await Expect(p.Page.Locator("#voice option").First).ToBeAttachedAsync();
            await p.Page.Locator("#article").ScrollIntoViewIfNeededAsync();
            await p.Page.ScreenshotAsync(new() { Path = EditorDeskSite.Screenshot($"desk-{width}-article-en.png"), FullPage = true });

            await SearchAsync(p, "");
            await p.Page.SelectOptionAsync("#filter-language", "ar");
            await Expect(p.Page.Locator("#articles tbody tr")).ToHaveCountAsync(1);
            await p.Page.ScreenshotAsync(new() { Path = EditorDeskSite.Screenshot($"desk-{width}-list-ar.png"), FullPage = true });
            await Row(p, EditorDeskSite.ArabicTitle).Locator(".open button").ClickAsync();
            await Expect(p.Page.Locator("#article-title")).ToHaveTextAsync(EditorDeskSite.ArabicTitle);
            await Expect(p.Page.Locator("#waveform svg.wave")).ToBeVisibleAsync();
            await Expect(p.Page.Locator("#charts figure")).ToHaveCountAsync(2);
            await Expect(p.Page.Locator("#preview .roya")).ToBeVisibleAsync();
            await p.Page.ScreenshotAsync(new() { Path = EditorDeskSite.Screenshot($"desk-{width}-article-ar.png"), FullPage = true });

            await p.Page.ClickAsync("#tab-review");
            await Expect(ReviewItem(p, EditorDeskSite.Arabic)).ToBeVisibleAsync();
            await p.Page.ScreenshotAsync(new() { Path = EditorDeskSite.Screenshot($"desk-{width}-review.png"), FullPage = true });

            // Nothing is wider than the screen: the page never scrolls sideways.
            Assert.True(await p.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"),
                $"at {width} px the page is {await p.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")} px wide");
            p.AssertNoProblems();
        }
    }
}
