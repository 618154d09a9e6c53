using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using RoyaAudio.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RoyaAudio.Server.Tests.Player;

/// <summary>What a site meets when it embeds the player: the iframe snippet, refusals, events from another site, dates, HEAD.</summary>
public sealed partial class PlayerBrowserTests
{
    private static readonly string[] ArabicMonths =
        ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"];

    [Theory]
    [InlineData(PlayerSite.English)]
    [InlineData(PlayerSite.Arabic)]
    public async Task The_README_iframe_snippet_as_pasted_shows_every_control_and_the_AI_note_unclipped_on_a_phone_and_a_desktop_in_both_themes(string id)
    {
        foreach (var width in new[] { 360, 1280 })
        {
            foreach (var theme in new[] { "light", "dark" })
            {
                await using var p = await Site.OpenAsync(width: width, height: 900);
                await p.Page.GotoAsync($"{Site.NewsroomOrigin}/framed/{id}?query={Uri.EscapeDataString("?theme=" + theme)}");
                var iframe = p.Page.Locator("iframe");
                var frame = p.Page.FrameLocator("iframe");
                await Expect(frame.Locator(".shell .roya .note")).ToBeVisibleAsync(new() { Timeout = 20_000 });
                // The frame told the page its height and the README's script set it: the frame is as tall as the player.
                var posted = 0;
                for (var tries = 0; ; tries++)
                {
                    posted = await p.Page.EvaluateAsync<int>("() => Math.round(parseFloat(document.querySelector('iframe').style.height))");
                    var content = await frame.Locator("body").EvaluateAsync<int>("b => Math.ceil(b.getBoundingClientRect().height)");
                    if (posted == content)
                    {
                        break;
                    }

                    Assert.True(tries < 100, $"the frame is {posted} px high, its player {content} px");
                    await Task.Delay(100);
                }

                // Before the script runs the snippet's own height already holds the player.
                Assert.True(posted <= 260, $"{id} at {width} px ({theme}) needs {posted} px, more than the snippet's 260 px");
                Assert.Equal("Listen to this story", await iframe.GetAttributeAsync("title"));
                var box = (await iframe.BoundingBoxAsync())!;
                Assert.Equal(width - 24, box.Width, 1.0);

                var parts = new[] { ".label", ".play", ".skip.back", ".seek", ".skip.forward", ".clock", ".speed", ".save", ".note" };
                foreach (var part in parts)
                {
                    var inner = (await frame.Locator(".shell .roya " + part).BoundingBoxAsync())!;
                    Assert.True(
                        inner.X >= box.X - 0.5 && inner.Y >= box.Y - 0.5 && inner.X + inner.Width <= box.X + box.Width + 0.5 && inner.Y + inner.Height <= box.Y + box.Height + 0.5,
                        $"{part} at ({inner.X}, {inner.Y}, {inner.Width}×{inner.Height}) is outside the frame ({box.X}, {box.Y}, {box.Width}×{box.Height}) for {id} at {width} px, {theme}");
                }

                var background = await frame.Locator(".shell .roya").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
                Assert.Equal(theme == "dark" ? "rgb(31, 34, 40)" : "rgb(245, 246, 248)", background);
                await p.Page.ScreenshotAsync(new() { Path = Path.Combine(PlayerSite.ScreenshotDirectory, $"iframe-{id}-{width}-{theme}.png"), FullPage = true });
                p.AssertNoProblems();
            }
        }
    }

    [Fact]
    public async Task A_site_the_service_does_not_allow_is_told_in_its_console_which_setting_to_add_and_the_service_logs_it_once()
    {
        for (var visit = 0; visit < 3; visit++)
        {
            await using var p = await Site.OpenAsync();
            await p.Page.GotoAsync($"{Site.StrangerOrigin}/news/{PlayerSite.English}");
            var expected = $"RoyaAudio: add {Site.StrangerOrigin} to Player:AllowedOrigins on the audio service";
            await PlayerPage.WaitUntilAsync(() => p.Console.Any(line => line.StartsWith("error: " + expected, StringComparison.Ordinal)));
            Assert.Single(p.Console, line => line.Contains(expected, StringComparison.Ordinal));
            Assert.Equal(0, await p.Page.Locator(".shell *").CountAsync());
        }

        var warnings = Site.Logs.Lines.Where(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains(Site.StrangerOrigin, StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("Player:AllowedOrigins", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(Site.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains(Site.NewsroomOrigin + " called", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Listening_events_from_an_allowed_article_site_on_another_site_raise_no_console_error_or_failed_request()
    {
        await using var p = await Site.OpenAsync();
        var answered = new List<int>();
        p.Page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/api/events", StringComparison.Ordinal))
            {
                lock (answered)
                {
                    answered.Add(response.Status);
                }
            }
        };
        await p.Page.GotoAsync($"{Site.CrossSiteOrigin}/news/{PlayerSite.English}");
        await p.PlayButton.ClickAsync(new() { Timeout = 20_000 });
        await p.WaitForAudioAsync("!a.paused && a.currentTime > 0.2");
        // Through every mark to the end.
        foreach (var share in new[] { 0.3, 0.55, 0.8, 0.97 })
        {
            await p.AudioAsync<bool>($"a => {{ a.currentTime = a.duration * {share.ToString(CultureInfo.InvariantCulture)}; return true; }}");
            await Task.Delay(400);
        }

        await p.WaitForAudioAsync("a.ended");
        await PlayerPage.WaitUntilAsync(() => { lock (answered) { return answered.Count >= 5; } }, 15_000);

        // As the README documents events for a site's own code: sendBeacon, whose text/plain body goes without CORS
        // (no-cors), which a same-site resource policy on the answer blocks with ERR_BLOCKED_BY_RESPONSE.NotSameSite.
        Assert.True(await p.Page.EvaluateAsync<bool>(
            """
            async (service) => {
              const a = await (await fetch(service + '/api/articles/player-council-water/audio', { credentials: 'omit' })).json();
              return navigator.sendBeacon(service + '/api/events', JSON.stringify({ articleId: a.articleId, event: 'play', token: a.playToken }));
            }
            """,
            Site.Origin));
        await PlayerPage.WaitUntilAsync(() => { lock (answered) { return answered.Count >= 6 || !p.FailedRequests.IsEmpty; } }, 15_000);
        await Task.Delay(300);
        Assert.Empty(p.FailedRequests);
        Assert.Equal(6, answered.Count);
        Assert.All(answered, status => Assert.Equal(204, status));
        p.AssertNoProblems();
    }

    [Fact]
    public async Task A_site_sets_its_colours_on_the_element_and_the_theme_follows_the_attribute_or_else_the_reader_s_system()
    {
        await using var p = await Site.OpenAsync();
        await p.Page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await p.Page.GotoAsync($"{Site.NewsroomOrigin}/news/{PlayerSite.English}");
        var box = p.Player;
        await Expect(p.PlayButton).ToBeVisibleAsync(new() { Timeout = 20_000 });
        // auto: the reader's system is dark.
        Assert.Equal("rgb(31, 34, 40)", await box.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        await p.Page.EvaluateAsync("() => document.querySelector('roya-listen').setAttribute('theme', 'light')");
        Assert.Equal("rgb(245, 246, 248)", await box.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));

        await p.Page.AddStyleTagAsync(new() { Content = "roya-listen { --roya-accent: rgb(1, 2, 3); --roya-background: rgb(250, 240, 230); --roya-text: rgb(4, 5, 6); }" });
        Assert.Equal("rgb(1, 2, 3)", await p.PlayButton.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
        Assert.Equal("rgb(250, 240, 230)", await box.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.Equal("rgb(4, 5, 6)", await box.EvaluateAsync<string>("e => getComputedStyle(e).color"));
        p.AssertNoProblems();
    }

    [Fact]
    public async Task HEAD_on_the_audio_API_answers_like_GET_without_a_body_and_404_for_an_unknown_article()
    {
        using var get = await Site.Http.GetAsync($"/api/articles/{PlayerSite.English}/audio");
        using var head = await Site.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/articles/{PlayerSite.English}/audio"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(get.Content.Headers.ContentType?.ToString(), head.Content.Headers.ContentType?.ToString());
        foreach (var name in new[] { "Cross-Origin-Resource-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Content-Security-Policy" })
        {
            Assert.Equal(get.Headers.GetValues(name), head.Headers.GetValues(name));
        }

        Assert.Equal("cross-origin", head.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
        using var unknown = await Site.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/articles/no-such-article/audio"));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(await unknown.Content.ReadAsByteArrayAsync());
        // The editors' routes beside it stay on our own site.
        using var editors = await Site.Http.GetAsync($"/api/articles/{PlayerSite.English}/renditions");
        Assert.Equal("same-site", editors.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task Newer_audio_of_an_article_says_Audio_updated_with_its_date_and_a_first_render_says_nothing(string language)
    {
        var id = $"player-updated-{language}";
        var article = language == "ar"
            ? new JsonObject
            {
                ["id"] = id, ["language"] = "ar", ["title"] = "المجلس يقر خطة المياه", ["status"] = "published",
                ["body"] = "<p>أقر المجلس خطة المياه الجديدة اليوم.</p><p>تبدأ الأعمال بعد أسبوعين.</p>",
            }
            : Cms.Article(id, "The council approves the water plan", paragraphs: 1);
        using (var accepted = await Site.Cms.PublishAsync(article))
        {
            accepted.EnsureSuccessStatusCode();
        }

        var first = await Site.Cms.WaitForAsync(id, "ready", TimeSpan.FromSeconds(90), a => a.GetProperty("audio").ValueKind == JsonValueKind.Object);
        Assert.True(first.TryGetProperty("updatedAt", out var none) && none.ValueKind == JsonValueKind.Null, first.ToString());
        await using (var p = await Site.OpenAsync())
        {
            await p.Page.GotoAsync($"{Site.Origin}/embed/{id}");
            await Expect(p.Note).ToBeVisibleAsync(new() { Timeout = 20_000 });
            Assert.Equal(0, await p.Player.Locator(".updated").CountAsync());
        }

        // The edited story: new words, so a new rendition.
        await Task.Delay(1100);
        article["body"] = language == "ar"
            ? "<p>أقر المجلس خطة المياه الجديدة صباح اليوم.</p><p>تبدأ الأعمال بعد ثلاثة أسابيع.</p>"
            : "<p>The council approved the new water plan this morning. Work starts in three weeks.</p>";
        using (var edited = await Site.Cms.PublishAsync(article))
        {
            edited.EnsureSuccessStatusCode();
        }

        var second = await Site.Cms.WaitForAsync(id, "ready", TimeSpan.FromSeconds(90), a => a.TryGetProperty("updatedAt", out var at) && at.ValueKind == JsonValueKind.String);
        var updatedAt = DateTimeOffset.Parse(second.GetProperty("updatedAt").GetString()!, CultureInfo.InvariantCulture).ToUniversalTime();
        Assert.InRange(updatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.NotEqual(first.GetProperty("audio").GetProperty("url").GetString(), second.GetProperty("audio").GetProperty("url").GetString());
        var expected = language == "ar"
            ? $"تم تحديث الصوت في {updatedAt.Day} {ArabicMonths[updatedAt.Month - 1]} {updatedAt.Year}"
            : $"Audio updated {updatedAt.Day} {CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(updatedAt.Month)} {updatedAt.Year}";

        await using (var p = await Site.OpenAsync())
        {
            await p.Page.GotoAsync($"{Site.Origin}/embed/{id}");
            await Expect(p.Player.Locator(".note + .updated")).ToHaveTextAsync(expected, new() { Timeout = 20_000 });
            await p.ScreenshotAsync($"updated-{language}.png");
            p.AssertNoProblems();
        }

        await using (var p = await Site.OpenAsync(javaScript: false))
        {
            await p.Page.GotoAsync($"{Site.Origin}/embed/{id}");
            await Expect(p.Page.Locator("roya-listen > .note + .updated")).ToHaveTextAsync(expected);
        }
    }

    [Fact]
    public async Task A_file_of_102_85_seconds_is_1_43_in_the_player_and_without_JavaScript_as_in_the_desk()
    {
        var answer = JsonNode.Parse(Site.Ready[PlayerSite.English].GetRawText())!.AsObject();
        answer["audio"]!["durationMs"] = 102_850;
        await using (var p = await Site.OpenAsync())
        {
            await p.Page.RouteAsync($"**/api/articles/{PlayerSite.English}/audio", route => route.FulfillAsync(new()
            {
                ContentType = "application/json",
                Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = Site.NewsroomOrigin },
                Body = answer.ToJsonString(),
            }));
            await p.Page.GotoAsync($"{Site.NewsroomOrigin}/news/{PlayerSite.English}");
            await Expect(p.Clock).ToHaveTextAsync("0:00 / 1:43");
            await Expect(p.Seek).ToHaveAttributeAsync("aria-valuetext", "0:00 of 1:43");
        }

        // The embed without script writes the real file's length by the same rule.
        var durationMs = Site.Ready[PlayerSite.English].GetProperty("audio").GetProperty("durationMs").GetInt64();
        await using (var p = await Site.OpenAsync(javaScript: false))
        {
            await p.Page.GotoAsync($"{Site.Origin}/embed/{PlayerSite.English}");
            await Expect(p.Page.Locator("roya-listen > .length")).ToHaveTextAsync(Server.Player.Durations.Clock(durationMs));
        }
    }
}
