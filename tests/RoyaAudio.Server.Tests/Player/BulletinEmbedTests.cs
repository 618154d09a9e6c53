using System.Net;
using System.Text.Json;
using RoyaAudio.Server.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace RoyaAudio.Server.Tests.Player;

/// <summary>The bulletin as a page to frame, in Chromium: its chapters list the stories, and a click plays from one.</summary>
[Collection(ServiceTests.Name)]
public sealed class BulletinEmbedTests(PlayerSite site) : IClassFixture<PlayerSite>
{
    private async Task<JsonElement> BuildAsync(string language)
    {
        using var build = await new EditorCalls(site.Http).SendAsync(HttpMethod.Post, $"/api/bulletins/{language}");
        Assert.Equal(HttpStatusCode.Accepted, build.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(150);
        while (DateTime.UtcNow < deadline)
        {
            var latest = JsonDocument.Parse(await site.Http.GetStringAsync($"/api/bulletins/{language}/latest")).RootElement.Clone();
            Assert.NotEqual("failed", latest.GetProperty("status").GetString());
            if (latest.GetProperty("status").GetString() == "ready" && !latest.GetProperty("updating").GetBoolean())
            {
                return latest;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the {language} bulletin was not ready in time");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    public async Task The_bulletin_page_lists_its_chapters_and_a_click_plays_from_a_story(string language)
    {
        var latest = await BuildAsync(language);
        var chapters = latest.GetProperty("chapters").EnumerateArray().ToList();
        Assert.NotEmpty(chapters);

        foreach (var (width, theme) in new[] { (360, "light"), (1280, "dark") })
        {
            await using var p = await site.OpenAsync(width: width, height: 640);
            await p.Page.GotoAsync($"{site.Origin}/embed/bulletin/{language}?theme={theme}");
            var buttons = p.Page.Locator(".chapters button");
            await Expect(buttons).ToHaveCountAsync(chapters.Count);
            await Expect(buttons.First).ToContainTextAsync(chapters[0].GetProperty("title").GetString()!);
            await Expect(p.Page.Locator(".note")).ToContainTextAsync(language == "ar" ? "الذكاء الاصطناعي" : "AI technology");
            await p.Page.ScreenshotAsync(new() { Path = Path.Combine(PlayerSite.ScreenshotDirectory, $"bulletin-{language}-{width}-{theme}.png"), FullPage = true });

            var last = chapters[^1];
            await buttons.Last.ClickAsync();
            var expected = last.GetProperty("startMs").GetInt64() / 1000.0;
            await p.Page.WaitForFunctionAsync("(t) => { const a = document.querySelector('audio'); return a && !a.paused && Math.abs(a.currentTime - t) < 0.5; }", expected);
            p.AssertNoProblems();
        }

        // Framed with the README's snippet as pasted, the frame grows to the bulletin's height: the last chapter is inside it.
        await using (var framed = await site.OpenAsync(width: 360, height: 900))
        {
            await framed.Page.GotoAsync($"{site.NewsroomOrigin}/framed/bulletin?query=/{language}");
            var frame = framed.Page.Locator("iframe");
            var last = framed.Page.FrameLocator("iframe").Locator(".chapters li").Last;
            await Expect(last).ToBeVisibleAsync();
            // Sized by the page's message: no longer the snippet's starting 260 px.
            await framed.Page.WaitForFunctionAsync("() => Math.round(document.querySelector('iframe').getBoundingClientRect().height) !== 260");
            var box = await frame.BoundingBoxAsync();
            var inside = await last.BoundingBoxAsync();
            Assert.True(box is not null && inside is not null && inside.Y + inside.Height <= box.Y + box.Height + 1,
                $"the last chapter ends at {inside?.Y + inside?.Height}, the frame at {box?.Y + box?.Height}");
        }
    }
}
