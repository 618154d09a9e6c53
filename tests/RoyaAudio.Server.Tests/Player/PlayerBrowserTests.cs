using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using RoyaAudio.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RoyaAudio.Server.Tests.Player;

/// <summary>The player as listeners get it: headless Chromium against the service on Kestrel.</summary>
[Collection(ServiceTests.Name)]
public sealed partial class PlayerBrowserTests(PlayerSite site) : IClassFixture<PlayerSite>
{
    /// <summary>The one service, newsroom and browser the tests of this class share (in every file of it).</summary>
    private PlayerSite Site => site;

    private const string EnglishNote = "Note: AI technology was used to generate this article's audio.";

    private JsonElement AudioOf(string id) => site.Ready[id].GetProperty("audio");

    private string Embed(string id, bool transcript = false) => $"{site.Origin}/embed/{Uri.EscapeDataString(id)}{(transcript ? "?transcript=1" : "")}";

    /// <summary>A length as the player writes it: rounded to the nearest second, halves up.</summary>
    private static string Clock(double seconds)
    {
        var s = (int)Math.Round(seconds, MidpointRounding.AwayFromZero);
        return s >= 3600 ? $"{s / 3600}:{s / 60 % 60:00}:{s % 60:00}" : $"{s / 60}:{s % 60:00}";
    }

    private static string PathOf(string url) => new Uri(url).PathAndQuery;

    [Fact]
    public async Task The_embed_shows_the_label_the_clock_and_the_AI_note_and_fetches_no_MP3_before_play()
    {
        await using var p = await site.OpenAsync();
        var response = await p.Page.GotoAsync(Embed(PlayerSite.English, transcript: true));
        Assert.Equal(200, response!.Status);
        Assert.True(site.Ready[PlayerSite.English].GetProperty("playable").GetBoolean());
        Assert.False(site.Ready[PlayerSite.English].GetProperty("pending").GetBoolean());

        await Expect(p.Label).ToHaveTextAsync("Listen to this story:");
        await Expect(p.Note).ToHaveTextAsync(EnglishNote);
        var seconds = AudioOf(PlayerSite.English).GetProperty("durationMs").GetInt64() / 1000.0;
        await Expect(p.Clock).ToHaveTextAsync($"0:00 / {Clock(seconds)}");
        await Expect(p.PlayButton).ToHaveAttributeAsync("aria-label", "Play");
        Assert.Equal("none", await p.Audio.GetAttributeAsync("preload"));
        Assert.Equal("captions", await p.Player.Locator("audio track").GetAttributeAsync("kind"));
        Assert.Equal(PathOf(AudioOf(PlayerSite.English).GetProperty("captionsUrl").GetString()!), PathOf(await p.Player.Locator("audio track").GetAttributeAsync("src") ?? ""));

        // Only our own origin may run script or style the frame, and nothing is inline.
        var policy = await response.HeaderValueAsync("content-security-policy");
        Assert.StartsWith("default-src 'none'; script-src 'self'; style-src 'self'; media-src 'self'; connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self' " + site.NewsroomOrigin, policy, StringComparison.Ordinal);
        Assert.Equal(0, await p.Page.Locator("script:not([src]), [style]").CountAsync());

        await p.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(p.Mp3Requests);
        Assert.All(p.Requests, r => Assert.StartsWith(site.Origin + "/", r.Url, StringComparison.Ordinal));
        await p.ScreenshotAsync("en-player.png");
        p.AssertNoProblems();
    }

    [Fact]
    public async Task Play_fetches_the_MP3_advances_the_clock_to_the_decoded_duration_and_the_speed_button_sets_the_playback_rate()
    {
        await using var p = await site.OpenAsync();
        await p.Page.GotoAsync(Embed(PlayerSite.English));
        await p.PlayButton.ClickAsync();
        await p.WaitForAudioAsync("!a.paused && a.currentTime > 0.5");

        Assert.Single(p.Mp3Requests.Distinct());
        await Expect(p.PlayButton).ToHaveAttributeAsync("aria-label", "Pause");
        var decoded = await p.AudioAsync<double>("a => a.duration");
        Assert.InRange(decoded * 1000, AudioOf(PlayerSite.English).GetProperty("durationMs").GetInt64() - 100, AudioOf(PlayerSite.English).GetProperty("durationMs").GetInt64() + 100);
        await Expect(p.Clock).ToHaveTextAsync(new Regex($@"^0:0\d / {Regex.Escape(Clock(decoded))}$"));

        foreach (var rate in new[] { 1.25, 1.5, 2, 1 })
        {
            await p.Speed.ClickAsync();
            Assert.Equal(rate, await p.AudioAsync<double>("a => a.playbackRate"));
            await Expect(p.Speed).ToHaveTextAsync(rate.ToString(CultureInfo.InvariantCulture) + "×");
        }

        await p.PlayButton.ClickAsync();
        Assert.True(await p.AudioAsync<bool>("a => a.paused"));
        // The listening count is told once that playback started, and nothing about the listener.
        var beacon = p.Requests.Single(r => r.Url.EndsWith("/api/events", StringComparison.Ordinal) && r.PostData!.Contains("\"play\"", StringComparison.Ordinal));
        Assert.StartsWith($$"""{"articleId":"{{PlayerSite.English}}","event":"play","token":""", beacon.PostData, StringComparison.Ordinal);
        p.AssertNoProblems();
    }

    [Fact]
    public async Task A_click_on_a_transcript_sentence_plays_from_its_start_and_the_sentence_being_read_is_highlighted()
    {
        await using var p = await site.OpenAsync();
        await p.Page.GotoAsync(Embed(PlayerSite.English, transcript: true));
        var cues = AudioOf(PlayerSite.English).GetProperty("sentences").EnumerateArray().ToList();
        await Expect(p.Sentences).ToHaveTextAsync([.. cues.Select(c => c.GetProperty("text").GetString()!)]);

        var cue = cues[2];
        // Where the click sent playback, taken at the seek itself: playback moves on at once after it.
        await p.AudioAsync<bool>("a => { a.addEventListener('seeked', () => { window.__seekedTo = a.currentTime; }, { once: true }); return true; }");
        await p.Sentences.Nth(2).ClickAsync();
        await p.Page.WaitForFunctionAsync("() => window.__seekedTo !== undefined");
        var position = await p.Page.EvaluateAsync<double>("() => window.__seekedTo");
        Assert.InRange(position, cue.GetProperty("startMs").GetInt64() / 1000.0 - 0.1, cue.GetProperty("startMs").GetInt64() / 1000.0 + 0.1);
        await p.WaitForAudioAsync("!a.paused");
        await Expect(p.Sentences.Nth(2)).ToHaveAttributeAsync("aria-current", "true");
        await Expect(p.Player.Locator(".transcript .on")).ToHaveCountAsync(1);
        p.AssertNoProblems();
    }

    [Fact]
    public async Task Space_plays_and_pauses_arrows_move_five_seconds_and_focus_is_visible()
    {
        await using var p = await site.OpenAsync();
        await p.Page.GotoAsync(Embed(PlayerSite.English));
        await Expect(p.Player).ToHaveAttributeAsync("aria-label", "Listen to this story: Council approves the water plan");
        await Expect(p.Clock).ToHaveAttributeAsync("role", "timer");
        await Expect(p.Clock).ToHaveAttributeAsync("aria-live", "off");
        await Expect(p.Clock).ToHaveAttributeAsync("aria-label", "Elapsed time");
        await Expect(p.Seek).ToHaveAttributeAsync("aria-label", "Position in the story");

        await p.Page.Keyboard.PressAsync("Tab");
        await Expect(p.PlayButton).ToBeFocusedAsync();
        Assert.Equal("solid", await p.PlayButton.EvaluateAsync<string>("b => getComputedStyle(b).outlineStyle"));

        await p.Seek.FocusAsync();
        await p.Page.Keyboard.PressAsync("Space");
        await p.WaitForAudioAsync("!a.paused && a.currentTime > 0.3");
        await p.Page.Keyboard.PressAsync("Space");
        await p.WaitForAudioAsync("a.paused");

        // Paused, so the positions are exact.
        var before = await p.AudioAsync<double>("a => a.currentTime");
        await p.Page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal(before + 5, await p.AudioAsync<double>("a => a.currentTime"), 0.05);
        await Expect(p.Seek).ToHaveAttributeAsync("aria-valuetext", new Regex(@"^0:0[5-9] of 0:\d\d$"));
        await p.Page.Keyboard.PressAsync("ArrowLeft");
        Assert.Equal(before, await p.AudioAsync<double>("a => a.currentTime"), 0.05);
        await Expect(p.Clock).ToHaveTextAsync(new Regex(@"^0:00 / 0:\d\d$"));
        p.AssertNoProblems();
    }

    [Fact]
    public async Task The_Arabic_embed_reads_right_to_left_with_Arabic_labels_and_the_Arabic_note()
    {
        await using var p = await site.OpenAsync();
        await p.Page.GotoAsync(Embed(PlayerSite.Arabic, transcript: true));
        Assert.Equal("rtl", await p.Page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal("ar", await p.Page.Locator("html").GetAttributeAsync("lang"));

        await Expect(p.Label).ToHaveTextAsync("استمع إلى هذا الخبر:");
        await Expect(p.Note).ToHaveTextAsync("ملاحظة: " + site.Ready[PlayerSite.Arabic].GetProperty("disclosure").GetString());
        await Expect(p.Note).ToHaveTextAsync(new Regex("^ملاحظة: تم استخدام تقنية الذكاء الاصطناعي"));
        await Expect(p.PlayButton).ToHaveAttributeAsync("aria-label", "تشغيل");
        Assert.Equal("rtl", await p.Player.EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        Assert.Equal("ar", await p.Page.Locator(".shell").GetAttributeAsync("lang"));
        // The control row is mirrored: play first on the right, the seek bar to its left.
        Assert.Equal("rtl", await p.Player.Locator(".controls").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        var play = (await p.PlayButton.BoundingBoxAsync())!;
        var seek = (await p.Seek.BoundingBoxAsync())!;
        Assert.True(play.X > seek.X + seek.Width, $"play at x={play.X} should be right of the seek bar ending at x={seek.X + seek.Width}");
        var cues = AudioOf(PlayerSite.Arabic).GetProperty("sentences").EnumerateArray().Select(c => c.GetProperty("text").GetString()!).ToArray();
        await Expect(p.Sentences).ToHaveTextAsync(cues);
        await p.ScreenshotAsync("ar-player.png");

        await p.PlayButton.ClickAsync();
        await Expect(p.PlayButton).ToHaveAttributeAsync("aria-label", "إيقاف مؤقت");
        p.AssertNoProblems();
    }

    [Fact]
    public async Task The_web_component_on_a_newsroom_page_renders_the_same_player_untouched_by_the_page_styles()
    {
        await using var p = await site.OpenAsync();
        await p.Page.GotoAsync($"{site.NewsroomOrigin}/news/{PlayerSite.English}?transcript=1");

        await Expect(p.Label).ToBeVisibleAsync();
        await Expect(p.Label).ToHaveTextAsync("Listen to this story:");
        await Expect(p.Note).ToHaveTextAsync(EnglishNote);
        await Expect(p.Clock).ToHaveTextAsync(new Regex("^0:00 / "));
        await Expect(p.Sentences).ToHaveCountAsync(AudioOf(PlayerSite.English).GetProperty("sentences").GetArrayLength());
        Assert.NotEqual("rgb(0, 255, 0)", await p.PlayButton.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
        var api = p.Requests.Single(r => r.Url.EndsWith($"/api/articles/{PlayerSite.English}/audio", StringComparison.Ordinal));
        Assert.Equal(site.NewsroomOrigin, (await api.ResponseAsync())!.Headers["access-control-allow-origin"]);
        await p.ScreenshotAsync("en-web-component.png");

        await p.PlayButton.ClickAsync();
        await p.WaitForAudioAsync("!a.paused && a.currentTime > 0.3");
        p.AssertNoProblems();
    }

    [Theory]
    [InlineData("player-xss-image", PlayerSite.ImageTitle)]
    [InlineData("player-xss-script", PlayerSite.ScriptTitle)]
    public async Task A_title_with_markup_stays_text_in_the_embed_and_the_web_component(string id, string title)
    {
        await using (var p = await site.OpenAsync())
        {
            await p.Page.GotoAsync(Embed(id, transcript: true));
            await Expect(p.Player).ToHaveAttributeAsync("aria-label", "Listen to this story: " + title);
            Assert.Equal(title, await p.Page.TitleAsync());
            await Expect(p.Sentences.First).ToHaveTextAsync(AudioOf(id).GetProperty("sentences")[0].GetProperty("text").GetString()!);
            await p.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Equal(0, await p.Page.Locator("img").CountAsync());
            Assert.True(await p.Page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
            p.AssertNoProblems();
        }

        await using (var p = await site.OpenAsync())
        {
            await p.Page.GotoAsync($"{site.NewsroomOrigin}/news/{id}?transcript=1");
            await Expect(p.Player).ToHaveAttributeAsync("aria-label", "Listen to this story: " + title);
            await Expect(p.Sentences.First).ToHaveTextAsync(AudioOf(id).GetProperty("sentences")[0].GetProperty("text").GetString()!);
            await p.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Equal(0, await p.Page.Locator("img").CountAsync());
            Assert.True(await p.Page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
        }
    }

    [Fact]
    public async Task An_unknown_article_shows_nothing_in_the_embed_or_the_web_component()
    {
        await using (var p = await site.OpenAsync())
        {
            var response = await p.Page.GotoAsync(Embed("no-such-article"));
            Assert.Equal(404, response!.Status);
            await p.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Equal(0, await p.Page.Locator("audio, button, .roya").CountAsync());
            Assert.Equal("", (await p.Page.Locator("body").InnerTextAsync()).Trim());
        }

        await using (var p = await site.OpenAsync())
        {
            await p.Page.GotoAsync(site.NewsroomOrigin + "/news/no-such-article");
            await p.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Equal(0, await p.Page.Locator(".shell *").CountAsync());
        }
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("none")]
    public async Task A_failed_or_absent_rendition_never_shows_a_broken_player(string status)
    {
        await using var p = await site.OpenAsync();
        // The service never says why a render failed; the player only needs the status.
        await p.Page.RouteAsync($"**/api/articles/{PlayerSite.English}/audio", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = site.NewsroomOrigin },
            Body = $$"""{"articleId":"{{PlayerSite.English}}","language":"en","title":"Council","status":"{{status}}","playable":false,"pending":false,"updating":false,"disclosure":"AI technology was used to generate this article's audio.","audio":null}""",
        }));
        await p.Page.GotoAsync($"{site.NewsroomOrigin}/news/{PlayerSite.English}");
        await p.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(0, await p.Page.Locator(".shell *").CountAsync());
        Assert.Empty(p.Mp3Requests);
        p.AssertNoProblems();
    }

    [Fact]
    public async Task A_pending_answer_shows_the_quiet_note_asks_again_only_while_the_page_is_visible_and_the_player_appears_with_the_audio()
    {
        await using var p = await site.OpenAsync();
        await p.Page.Clock.InstallAsync();
        var asked = 0;
        // A status the player has never heard of: it goes by the flags alone.
        await p.Page.RouteAsync($"**/api/articles/{PlayerSite.English}/audio", route => Interlocked.Increment(ref asked) <= 2
            ? route.FulfillAsync(new()
            {
                ContentType = "application/json",
                Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = site.NewsroomOrigin },
                Body = $$"""{"articleId":"{{PlayerSite.English}}","language":"en","title":"Council","status":"reticulating","playable":false,"pending":true,"updating":false,"disclosure":"AI technology was used to generate this article's audio.","audio":null}""",
            })
            : route.ContinueAsync());
        await p.Page.GotoAsync($"{site.NewsroomOrigin}/news/{PlayerSite.English}");
        await Expect(p.Page.Locator(".shell .wait")).ToHaveTextAsync("Audio is being prepared.");
        Assert.Equal(1, asked);
        await p.Page.Locator(".shell").ScreenshotAsync(new() { Path = Path.Combine(PlayerSite.ScreenshotDirectory, "en-player-pending.png") });

        // Hidden, ten minutes go by without a request; shown again, it asks at once.
        await p.SetHiddenAsync(true);
        await p.Page.Clock.RunForAsync(600_000);
        await Task.Delay(500);
        Assert.Equal(1, asked);
        await p.SetHiddenAsync(false);
        await PlayerPage.WaitUntilAsync(() => asked == 2);
        await Expect(p.Page.Locator(".shell .wait")).ToHaveTextAsync("Audio is being prepared.");

        await p.Page.Clock.RunForAsync(20_000);
        // The third answer comes from the real service: a loaded CI machine may take more than the default 5 s.
        await Expect(p.Note).ToHaveTextAsync(EnglishNote, new() { Timeout = 20_000 });
        await Expect(p.PlayButton).ToHaveAttributeAsync("aria-label", "Play");
        Assert.Equal(3, asked);
        p.AssertNoProblems();
    }

    [Fact]
    public async Task The_sentence_being_read_is_found_without_reading_every_cue_on_each_tick()
    {
        const int count = 5_000;
        var answer = JsonNode.Parse(site.Ready[PlayerSite.English].GetRawText())!.AsObject();
        var file = answer["audio"]!.AsObject();
        file["durationMs"] = count * 1000L;
        file["sentences"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
        {
            ["index"] = i, ["paragraph"] = i / 10, ["text"] = $"Sentence {i}.", ["startMs"] = i * 1000L, ["endMs"] = (i + 1) * 1000L,
        })]);
        await using var p = await site.OpenAsync();
        // Counts every read of a cue from the answer's sentence list.
        await p.Page.AddInitScriptAsync("""
            const json = Response.prototype.json;
            window.__cueReads = 0;
            Response.prototype.json = async function () {
              const value = await json.call(this);
              const list = value && value.audio && value.audio.sentences;
              if (Array.isArray(list)) {
                value.audio.sentences = new Proxy(list, {
                  get(target, key, receiver) {
                    if (typeof key === 'string' && /^[0-9]+$/.test(key)) window.__cueReads++;
                    return Reflect.get(target, key, receiver);
                  },
                });
              }
              return value;
            };
            """);
        await p.Page.RouteAsync($"**/api/articles/{PlayerSite.English}/audio", route => route.FulfillAsync(new()
        {
            ContentType = "application/json",
            Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = site.NewsroomOrigin },
            Body = answer.ToJsonString(),
        }));
        await p.Page.GotoAsync($"{site.NewsroomOrigin}/news/{PlayerSite.English}?transcript=1");
        await Expect(p.Sentences).ToHaveCountAsync(count);

        var ticks = await p.Page.EvaluateAsync<JsonElement>("""
            () => {
              const root = document.querySelector('roya-listen').shadowRoot;
              const audio = root.querySelector('audio');
              return [4999.5, 2500.2, 0.5, 1234].map((t) => {
                window.__cueReads = 0;
                audio.currentTime = t;
                audio.dispatchEvent(new Event('timeupdate'));
                const lit = root.querySelectorAll('.transcript .on');
                return { reads: window.__cueReads, lit: lit.length === 1 ? Number(lit[0].dataset.i) : -lit.length };
              });
            }
            """);
        Assert.Equal([4999, 2500, 0, 1234], ticks.EnumerateArray().Select(t => t.GetProperty("lit").GetInt32()));
        Assert.All(ticks.EnumerateArray(), t => Assert.InRange(t.GetProperty("reads").GetInt32(), 0, 50));
        await p.ScreenshotAsync("en-player-long-transcript.png");
        p.AssertNoProblems();
    }

    [Fact]
    public async Task While_the_audio_is_prepared_only_a_quiet_note_shows_with_or_without_JavaScript()
    {
        const string id = "player-long-budget-story";
        using (var accepted = await site.Cms.PublishAsync(Cms.Article(id, "The budget debate runs long", paragraphs: 60)))
        {
            accepted.EnsureSuccessStatusCode();
        }

        try
        {
            await using (var p = await site.OpenAsync())
            {
                await p.Page.GotoAsync(Embed(id));
                await Expect(p.Page.Locator(".shell .wait")).ToHaveTextAsync("Audio is being prepared.");
                Assert.Equal(0, await p.Page.Locator(".shell .roya, .shell audio, .shell button").CountAsync());
                p.AssertNoProblems();
            }

            await using (var p = await site.OpenAsync(javaScript: false))
            {
                await p.Page.GotoAsync(Embed(id));
                await Expect(p.Page.Locator("roya-listen > .wait")).ToHaveTextAsync("Audio is being prepared.");
                Assert.Equal(0, await p.Page.Locator("audio").CountAsync());
            }

            using var status = await site.Http.GetAsync($"/api/articles/{id}/audio");
            var answer = JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement;
            Assert.Matches("^(queued|rendering)$", answer.GetProperty("status").GetString());
            Assert.True(answer.GetProperty("pending").GetBoolean());
            Assert.False(answer.GetProperty("playable").GetBoolean());
        }
        finally
        {
            // Stops the long render so it does not slow the other tests.
            using var withdrawn = await site.Cms.UnpublishAsync(id);
        }
    }

    [Fact]
    public async Task Without_JavaScript_the_embed_is_a_plain_audio_element_with_the_MP3_and_the_AI_note()
    {
        await using var p = await site.OpenAsync(javaScript: false);
        await p.Page.GotoAsync(Embed(PlayerSite.English));

        var audio = p.Page.Locator("roya-listen > audio");
        await Expect(audio).ToBeVisibleAsync();
        Assert.NotNull(await audio.GetAttributeAsync("controls"));
        Assert.Equal("none", await audio.GetAttributeAsync("preload"));
        var src = await audio.GetAttributeAsync("src") ?? "";
        Assert.Equal(PathOf(AudioOf(PlayerSite.English).GetProperty("url").GetString()!), PathOf(src));
        await Expect(p.Page.Locator("roya-listen > .label")).ToHaveTextAsync("Listen to this story:");
        await Expect(p.Page.Locator("roya-listen > .note")).ToBeVisibleAsync();
        await Expect(p.Page.Locator("roya-listen > .note")).ToHaveTextAsync(EnglishNote);
        await p.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(p.Mp3Requests);
        await p.Page.ScreenshotAsync(new() { Path = Path.Combine(PlayerSite.ScreenshotDirectory, "en-player-no-javascript.png") });

        using var mp3 = await site.Http.GetAsync(PathOf(src));
        mp3.EnsureSuccessStatusCode();
        Assert.Equal("audio/mpeg", mp3.Content.Headers.ContentType?.MediaType);
    }
}
