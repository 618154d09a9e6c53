using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NAudio.Wave;
using RoyaAudio.Server.Tests.Player;
using RoyaAudio.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;
using System.Text;

namespace RoyaAudio.Server.Tests.Editor;

/// <summary>The editor page as the desk uses it: headless Chromium signed in with the editor key, against the service on Kestrel.</summary>
[Collection(ServiceTests.Name)]
public sealed class EditorPageTests(EditorPageSite site) : IClassFixture<EditorPageSite>
{
    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; media-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static ILocator Row(PlayerPage p, string title) =>
        p.Page.Locator("#articles tbody tr").Filter(new() { Has = p.Page.Locator("td.title .name", new() { HasTextString = title }) });

    [Fact]
    public async Task A_browser_without_the_cookie_is_sent_to_sign_in_and_a_signed_in_one_gets_the_page_under_a_strict_policy()
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies };
        using var http = new HttpClient(handler) { BaseAddress = site.Http.BaseAddress };
        using (var anonymous = await http.GetAsync("/editor"))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Equal("/editor/login?returnUrl=%2Feditor", anonymous.Headers.Location?.OriginalString);
        }

        using (var script = await http.GetAsync("/editor.js"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, script.StatusCode);
        }

        using var form = new FormUrlEncodedContent([new("key", TestService.EditorKey), new("returnUrl", "/editor")]);
        (await http.PostAsync("/editor/login", form)).Dispose();
        using var page = await http.GetAsync("/editor");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(Policy, page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(new Regex(@"<script(?![^>]*\bsrc=)|\sstyle=|\son[a-z]+=", RegexOptions.IgnoreCase), html);
        var scriptUrl = Regex.Match(html, "src=\"(/editor\\.js\\?v=[0-9a-f]{12})\"").Groups[1].Value;

        using var first = await http.GetAsync(scriptUrl);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/javascript", first.Content.Headers.ContentType?.MediaType);
        Assert.Contains("private", first.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        using var again = new HttpRequestMessage(HttpMethod.Get, scriptUrl);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var unchanged = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
    }

    [Fact]
    public async Task An_editor_sees_the_article_ready_regenerates_it_with_another_voice_and_follows_it_to_ready()
    {
        await using var p = await site.SignInAsync();
        var row = Row(p, EditorPageSite.StoryTitle);
        await Expect(row.Locator(".status .state")).ToHaveTextAsync("ready");
        await Expect(row.Locator(".duration")).ToHaveTextAsync(new Regex(@"^0:\d\d$"));
        await Expect(row.Locator(".characters")).ToHaveTextAsync(new Regex(@"^\d+$"));
        await Expect(row.Locator(".cost")).ToHaveTextAsync("$0.0000");
        await Expect(row.Locator(".auto input")).ToBeCheckedAsync();
        await Expect(row.Locator(".plays")).ToHaveTextAsync("0");
        await Expect(row.Locator(".completion")).ToHaveTextAsync("—");

        await row.Locator(".open button").ClickAsync();
        await Expect(p.Page.Locator("#article-title")).ToHaveTextAsync(EditorPageSite.StoryTitle);
        // The listeners' player, which fetches nothing of the MP3 before play, and counts no play of the desk's.
        await Expect(p.Page.Locator("#preview roya-listen[preview]")).ToHaveCountAsync(1);
        await Expect(p.Audio).ToHaveAttributeAsync("preload", "none");
        await Expect(p.Page.Locator("#preview .voice")).ToHaveTextAsync(new Regex("^Voice en-us · "));

        await p.Page.SelectOptionAsync("#voice", "en-gb");
        await p.Page.ClickAsync("#regenerate button[type=submit]");
        await Expect(row.Locator(".status .state")).ToHaveTextAsync(new Regex("^(queued|rendering)$"));
        await Expect(row.Locator(".status .state")).ToHaveTextAsync("ready", new() { Timeout = 45_000 });
        await Expect(p.Page.Locator("#regenerate-status")).ToHaveTextAsync("Ready.");

        var audio = await site.Cms.WaitForAsync(EditorPageSite.Story, "ready", TimeSpan.FromSeconds(20),
            a => a.GetProperty("audio") is { ValueKind: JsonValueKind.Object } file && file.GetProperty("voice").GetString() == "en-gb");
        Assert.Equal("en-gb", audio.GetProperty("audio").GetProperty("voice").GetString());
        await Expect(p.Page.Locator("#preview .voice")).ToHaveTextAsync(new Regex("^Voice en-gb · "));

        // Every call the page made to the API carried the editor header; the listeners' player asks the public audio API as it does on any site.
        var calls = p.Requests.Where(r => new Uri(r.Url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal))
            .Where(r => !(r.Method == "GET" && new Uri(r.Url).AbsolutePath.EndsWith("/audio", StringComparison.Ordinal) && !r.Headers.ContainsKey("x-roya-editor"))).ToList();
        Assert.Contains(calls, r => r.Method == "POST");
        Assert.All(calls, r => Assert.Equal("1", r.Headers.GetValueOrDefault("x-roya-editor")));
        p.AssertNoProblems();
    }

    [Fact]
    public async Task The_table_takes_every_row_with_its_figures_in_one_request_and_a_refresh_that_changes_nothing_touches_nothing()
    {
        await using var p = await site.SignInAsync();
        var rows = p.Page.Locator("#articles tbody tr");
        await Expect(Row(p, EditorPageSite.StoryTitle).Locator(".plays")).ToHaveTextAsync("0");
        await Expect(p.Page.Locator("#articles tbody td.plays", new() { HasTextString = "…" })).ToHaveCountAsync(0);
        Assert.True(await rows.CountAsync() >= 4, $"{await rows.CountAsync()} rows");
        Assert.DoesNotContain(p.Requests, r => new Uri(r.Url).AbsolutePath.Contains("listening", StringComparison.Ordinal));
        Assert.Equal(["/api/articles?page=1&pageSize=20"], p.Requests.Select(r => new Uri(r.Url)).Where(u => u.AbsolutePath == "/api/articles").Select(u => u.PathAndQuery));

        var box = Row(p, EditorPageSite.StoryTitle).Locator(".auto input");
        await box.FocusAsync();
        await p.Page.EvaluateAsync("""
            () => {
              window.__changes = 0;
              new MutationObserver((changes) => { window.__changes += changes.length; })
                .observe(document.querySelector('#articles tbody'), { subtree: true, childList: true, characterData: true, attributes: true });
            }
            """);
        var figures = p.Page.WaitForResponseAsync(r => r.Url.EndsWith("/api/articles?page=1&pageSize=20", StringComparison.Ordinal));
        await p.Page.EvaluateAsync("() => document.getElementById('refresh').click()");
        await (await figures).FinishedAsync();
        await p.Page.WaitForTimeoutAsync(300);
        Assert.Equal(0, await p.Page.EvaluateAsync<int>("() => window.__changes"));
        await Expect(box).ToBeFocusedAsync();
        p.AssertNoProblems();
    }

    [Fact]
    public async Task A_file_of_102_85_seconds_is_1_43_in_the_desk_as_in_the_player()
    {
        await using var p = await site.SignInAsync();
        // The desk's own answer, with the story's length made 102.85 s.
        await p.Page.RouteAsync("**/api/articles?page=1&pageSize=20", async route =>
        {
            var response = await route.FetchAsync();
            var rows = System.Text.Json.Nodes.JsonNode.Parse(await response.TextAsync())!.AsArray();
            foreach (var row in rows)
            {
                if (row!["title"]!.GetValue<string>() == EditorPageSite.StoryTitle)
                {
                    row["durationMs"] = 102_850;
                }
            }

            await route.FulfillAsync(new() { Response = response, Body = rows.ToJsonString() });
        });
        await p.Page.ReloadAsync();
        await Expect(Row(p, EditorPageSite.StoryTitle).Locator(".duration")).ToHaveTextAsync("1:43");
        p.AssertNoProblems();
    }

    [Fact]
    public async Task A_followed_regeneration_keeps_the_editor_s_focus_and_asks_nothing_while_the_tab_is_hidden()
    {
        await using var p = await site.SignInAsync();
        var settled = false;
        await MockRegenerationAsync(p, EditorPageSite.ScriptStory, () => settled);
        var row = Row(p, "Bridge works close the river road");
        await row.Locator(".open button").ClickAsync();
        await p.Page.ClickAsync("#regenerate button[type=submit]");
        await Expect(row.Locator(".status .state")).ToHaveTextAsync("rendering");
        Directory.CreateDirectory(PlayerSite.ScreenshotDirectory);
        await p.Page.ScreenshotAsync(new() { Path = Path.Combine(PlayerSite.ScreenshotDirectory, "editor-following.png"), FullPage = true });

        var box = Row(p, EditorPageSite.StoryTitle).Locator(".auto input");
        await box.FocusAsync();
        int Polls() => p.Requests.Count(r => r.Url.EndsWith($"/api/articles/{EditorPageSite.ScriptStory}/renditions", StringComparison.Ordinal));
        var before = Polls();
        await PlayerPage.WaitUntilAsync(() => Polls() >= before + 2);
        await Expect(box).ToBeFocusedAsync();

        await p.SetHiddenAsync(true);
        await p.Page.WaitForTimeoutAsync(300);
        var hidden = Polls();
        await p.Page.WaitForTimeoutAsync(3_000);
        Assert.Equal(hidden, Polls());
        await p.SetHiddenAsync(false);
        await PlayerPage.WaitUntilAsync(() => Polls() > hidden, 3_000);

        // Settled: the table is read again, the rows are changed in place and the focus stays.
        var articles = p.Requests.Count(r => r.Url.Contains("/api/articles?page=", StringComparison.Ordinal));
        settled = true;
        await Expect(p.Page.Locator("#regenerate-status")).ToHaveTextAsync("Ready.");
        await Expect(row.Locator(".status .state")).ToHaveTextAsync("ready");
        await PlayerPage.WaitUntilAsync(() => p.Requests.Count(r => r.Url.Contains("/api/articles?page=", StringComparison.Ordinal)) > articles);
        await p.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(box).ToBeFocusedAsync();
        p.AssertNoProblems();
    }

    [Fact]
    public async Task Clicking_Regenerate_again_while_the_first_request_is_under_way_asks_once()
    {
        await using var p = await site.SignInAsync();
        await MockRegenerationAsync(p, EditorPageSite.Story, () => true, answerAfter: TimeSpan.FromSeconds(2));
        var row = Row(p, EditorPageSite.StoryTitle);
        await row.Locator(".open button").ClickAsync();
        var submit = p.Page.Locator("#regenerate button[type=submit]");
        await submit.DblClickAsync();
        // Opening the article again must not hand the editor a second go while the first is asked.
        await row.Locator(".open button").ClickAsync();
        await Expect(submit).ToBeDisabledAsync();
        await submit.ClickAsync(new() { Force = true });
        await p.Page.PressAsync("#voice", "Enter");
        await Expect(p.Page.Locator("#regenerate-status")).ToHaveTextAsync("Ready.");
        await Expect(submit).ToBeEnabledAsync();
        Assert.Single(p.Requests, r => r.Method == "POST" && r.Url.EndsWith("/audio/regenerate", StringComparison.Ordinal));
        p.AssertNoProblems();
    }

    /// <summary>
    /// The regeneration an editor asks for, answered by the page's own routes: accepted (after a while if
    /// asked), then rendering until <paramref name="settled"/> says otherwise. Nothing is rendered.
    /// </summary>
    private static async Task MockRegenerationAsync(PlayerPage p, string id, Func<bool> settled, TimeSpan answerAfter = default)
    {
        await p.Page.RouteAsync($"**/api/articles/{id}/audio/regenerate", async route =>
        {
            await Task.Delay(answerAfter);
            await route.FulfillAsync(new()
            {
                Status = 202, ContentType = "application/json",
                Body = $$"""{"articleId":"{{id}}","status":"queued","renditionId":999999,"changed":true}""",
            });
        });
        await p.Page.RouteAsync($"**/api/articles/{id}/renditions", route =>
        {
            var done = settled();
            return route.FulfillAsync(new()
            {
                ContentType = "application/json",
                Body = $$"""[{"id":999999,"status":"{{(done ? "ready" : "rendering")}}","settled":{{(done ? "true" : "false")}},"reason":null,"attempts":1,"queue":"editor","engine":"espeak","voice":null,"durationMs":null,"characters":null,"costUsd":null,"createdAt":"2026-01-01T00:00:00Z","finishedAt":null}]""",
            });
        });
    }

    [Fact]
    public async Task A_voice_espeak_lacks_is_refused_at_once_and_a_failed_render_shows_its_reason_in_the_table()
    {
        await using var p = await site.SignInAsync();
        var row = Row(p, EditorPageSite.FailingTitle);
        await row.Locator(".auto input").UncheckAsync();
        await Expect(p.Page.Locator("#message")).ToHaveTextAsync($"Edits to “{EditorPageSite.FailingTitle}” will no longer render again.");
        await row.Locator(".open button").ClickAsync();
        // A name off the list (a page loaded before the list changed) is refused by the service, naming the choices.
        await Expect(p.Page.Locator("#voice option[value='en-gb']")).ToBeAttachedAsync();
        await p.Page.EvaluateAsync("() => { const o = document.createElement('option'); o.value = o.textContent = 'xx-no-such-voice'; document.getElementById('voice').append(o); }");
        await p.Page.SelectOptionAsync("#voice", "xx-no-such-voice");
        await p.Page.ClickAsync("#regenerate button[type=submit]");
        await Expect(p.Page.Locator("#regenerate-status")).ToHaveTextAsync(new Regex("^Not regenerated: .*'xx-no-such-voice' is not an espeak voice for en: choose one of "));
        await Expect(row.Locator(".status .state")).ToHaveTextAsync("ready");

        // A render that fails where no request could have foreseen it, recorded as a worker records it.
        await site.RecordFailedRenderAsync(EditorPageSite.FailingStory, "attempt 1 of 1: openai refused the request (400): voice 'robot' is not available");
        await p.Page.ReloadAsync();
        row = Row(p, EditorPageSite.FailingTitle);
        await Expect(row.Locator(".status .state")).ToHaveTextAsync("failed");
        await Expect(row.Locator(".status .reason")).ToContainTextAsync("voice 'robot' is not available");
        // The audio listeners hear is still the last good one.
        await row.Locator(".open button").ClickAsync();
        await Expect(p.Page.Locator("#preview .voice")).ToHaveTextAsync(new Regex("^Voice en-us · "));
        // The browser logs the refused request (422) itself; nothing else may go wrong.
        Assert.All(p.Problems, problem => Assert.Contains("status of 422", problem, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lexicon_entry_shows_in_the_script_preview_and_Hear_it_answers_a_wav_that_decodes()
    {
        await using var p = await site.SignInAsync();
        await Row(p, "Bridge works close the river road").Locator(".open button").ClickAsync();
        await Expect(p.Page.Locator("#script li").First).ToHaveTextAsync("Bridge works close the river road.");
        // The story's numbers are already read in words; no sentence is respelled yet.
        await Expect(p.Page.Locator("#script .spoken").First).ToContainTextAsync("reaches twelve homes");
        await Expect(p.Page.Locator("#script .spoken", new() { HasTextString = "kown-sill" })).ToHaveCountAsync(0);

        await p.Page.FillAsync("#term", "council");
        await p.Page.FillAsync("#spoken", "kown-sill");
        await p.Page.ClickAsync("#lexicon-entry button[type=submit]");
        await Expect(p.Page.Locator("#lexicon tbody tr[data-term='council'] .spoken")).ToHaveTextAsync("kown-sill");
        await Expect(p.Page.Locator("#script .spoken", new() { HasTextString = "kown-sill" })).ToHaveTextAsync([new Regex("the kown-sill said the plan reaches twelve homes")]);

        await p.Page.FillAsync("#sentence", "The council met on Sunday.");
        var answer = p.Page.WaitForResponseAsync(r => r.Url.EndsWith("/api/lexicon/en/preview", StringComparison.Ordinal));
        await p.Page.ClickAsync("#hear button");
        var response = await answer;
        Assert.Equal(200, response.Status);
        Assert.Equal("audio/wav", await response.HeaderValueAsync("content-type"));
        var body = await response.BodyAsync();
        Assert.Equal("RIFF"u8.ToArray(), body[..4]);
        using (var wave = new WaveFileReader(new MemoryStream(body)))
        {
            Assert.Equal(1, wave.WaveFormat.Channels);
            Assert.True(wave.TotalTime > TimeSpan.FromSeconds(0.2), $"only {wave.TotalTime.TotalSeconds:0.000} s");
        }

        await Expect(p.Page.Locator("#hear-status")).ToHaveTextAsync(new Regex(@"^Playing \d+\.\d s$"));
        Directory.CreateDirectory(PlayerSite.ScreenshotDirectory);
        await p.Page.ScreenshotAsync(new() { Path = Path.Combine(PlayerSite.ScreenshotDirectory, "editor.png"), FullPage = true });

        await p.Page.Locator("#lexicon tbody tr[data-term='council'] button", new() { HasTextString = "Delete" }).ClickAsync();
        await Expect(p.Page.Locator("#lexicon tbody tr")).ToHaveCountAsync(0);
        await Expect(p.Page.Locator("#script .spoken", new() { HasTextString = "kown-sill" })).ToHaveCountAsync(0);
        p.AssertNoProblems();
    }

    [Fact]
    public async Task Markup_in_a_title_or_a_lexicon_entry_is_shown_as_text_and_never_runs_and_sign_out_ends_the_visit()
    {
        var term = PlayerSite.ImageTitle;
        using (var put = new HttpRequestMessage(HttpMethod.Put, "/api/lexicon/ar/" + Uri.EscapeDataString(term)) { Content = JsonContent(new { spoken = term }) })
        {
            put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestService.EditorKey);
            using var saved = await site.Http.SendAsync(put);
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }

        await using var p = await site.SignInAsync();
        var row = Row(p, "onerror");
        await Expect(row.Locator("td.title .name")).ToHaveTextAsync(PlayerSite.ImageTitle);
        await row.Locator(".open button").ClickAsync();
        await Expect(p.Page.Locator("#article-title")).ToHaveTextAsync(PlayerSite.ImageTitle);
        await Expect(p.Page.Locator("#script li").First).ToContainTextAsync("onerror");

        await p.Page.SelectOptionAsync("#lexicon-language", "ar");
        await Expect(p.Page.Locator("#lexicon tbody td.term")).ToHaveTextAsync([term]);
        await Expect(p.Page.Locator("img")).ToHaveCountAsync(0);
        Assert.True(await p.Page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
        p.AssertNoProblems();

        await p.Page.ClickAsync("header button[type=submit]");
        await Expect(p.Page).ToHaveURLAsync(site.Origin + "/editor/login");
        await p.Page.GotoAsync(site.Origin + "/editor");
        await Expect(p.Page).ToHaveURLAsync(site.Origin + "/editor/login?returnUrl=%2Feditor");

        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/lexicon/ar/" + Uri.EscapeDataString(term));
        delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestService.EditorKey);
        (await site.Http.SendAsync(delete)).Dispose();
    }

    [Theory]
    [InlineData(null, "en", "The council met.", HttpStatusCode.Unauthorized)]
    [InlineData(TestService.EditorKey, "en", "", HttpStatusCode.UnprocessableEntity)]
    [InlineData(TestService.EditorKey, "en", "long", HttpStatusCode.UnprocessableEntity)]
    [InlineData(TestService.EditorKey, "en", "The council met. It voted.", HttpStatusCode.UnprocessableEntity)]
    [InlineData(TestService.EditorKey, "en", "Nul \u0000 here.", HttpStatusCode.UnprocessableEntity)]
    [InlineData(TestService.EditorKey, "fr", "Le conseil.", HttpStatusCode.NotFound)]
    [InlineData(TestService.EditorKey, "ar", "اجتمع المجلس، ثم صوّت.", HttpStatusCode.OK)]
    public async Task Hearing_a_sentence_needs_an_editor_one_short_sentence_and_a_known_language(string? key, string language, string text, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/lexicon/{language}/preview")
        {
            Content = JsonContent(new { text = text == "long" ? string.Concat(Enumerable.Repeat("word ", 61)) + "end." : text }),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        using var response = await site.Http.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? "audio/wav" : "application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static StringContent JsonContent(object value) =>
        new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}
