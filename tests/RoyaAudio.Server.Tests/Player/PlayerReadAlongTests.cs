using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RoyaAudio.Server.Tests.Player;

/// <summary>Read-along in the article page's own text: the sample articles as a news site shows them.</summary>
public sealed partial class PlayerBrowserTests
{
    /// <summary>Text as a reader compares it: no whitespace or invisible marks, one kind of quote and dash.</summary>
    internal static string Folded(string text)
    {
        var folded = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) || ch is '\u00AD' or '\uFEFF' or '\u0640' || ch is >= '\u200B' and <= '\u200F' || ch is >= '\u202A' and <= '\u202E'
                || ch is >= '\u2060' and <= '\u2069' || ch is >= '\u064B' and <= '\u065F')
            {
                continue;
            }

            folded.Append(ch switch
            {
                '"' or '`' or '\u00AB' or '\u00BB' or (>= '\u2018' and <= '\u201F') => '\'',
                >= '\u2010' and <= '\u2015' or '\u2212' => '-',
                _ => ch,
            });
        }

        return folded.ToString();
    }

    [Theory]
    [InlineData(PlayerSite.EnglishSample)]
    [InlineData(PlayerSite.Arabic)]
    public async Task Read_along_finds_every_sentence_in_the_article_highlights_the_one_being_read_and_a_click_plays_from_a_sentence(string id)
    {
        var cues = Site.Ready[id].GetProperty("audio").GetProperty("sentences").EnumerateArray().ToList();
        var titles = cues.Count(c => c.GetProperty("paragraph").GetInt32() == 0);
        Assert.True(cues.Count > 6, $"{id} has {cues.Count} sentences");
        await using var p = await Site.OpenAsync(width: 1000, height: 900);
        await p.Page.GotoAsync($"{Site.NewsroomOrigin}/read/{id}");
        await p.Page.WaitForFunctionAsync("() => document.querySelector('roya-listen').readAlong !== undefined", null, new() { Timeout = 20_000 });

        // The title stands above the story's element, so only it is not found there; every sentence of the story is.
        var found = await p.Page.EvaluateAsync<JsonElement>("() => document.querySelector('roya-listen').readAlong");
        Assert.Equal(cues.Count, found.GetProperty("sentences").GetInt32());
        Assert.Equal(0, found.GetProperty("missing").GetInt32());
        Assert.Equal(cues.Count - titles, found.GetProperty("found").GetInt32());
        Assert.DoesNotContain(p.Console, line => line.Contains("could not be found", StringComparison.Ordinal));

        // Into the middle of sentence 3: the highlight in the page is that sentence's own text.
        var third = cues[3];
        var middle = (third.GetProperty("startMs").GetInt64() + third.GetProperty("endMs").GetInt64()) / 2 / 1000.0;
        // Played a moment and paused, so the seek lands where it is sent and stays there.
        await p.PlayButton.ClickAsync();
        await p.WaitForAudioAsync("!a.paused && a.currentTime > 0.2");
        await p.PlayButton.ClickAsync();
        await p.WaitForAudioAsync("a.paused");
        await p.AudioAsync<bool>($"a => {{ a.currentTime = {middle.ToString(System.Globalization.CultureInfo.InvariantCulture)}; return true; }}");
        await p.Page.WaitForFunctionAsync(
            "(start) => CSS.highlights.has('roya-current') && [...CSS.highlights.get('roya-current')][0].toString().includes(start)",
            third.GetProperty("text").GetString()!.Split(' ')[1]);
        var lit = await p.Page.EvaluateAsync<string>("() => [...CSS.highlights.get('roya-current')][0].toString()");
        Assert.Equal(Folded(third.GetProperty("text").GetString()!), Folded(lit));
        // Nothing was added to the article: it is the same markup as the site's.
        Assert.Equal(0, await p.Page.Locator("#article-body span, #article-body mark").CountAsync());

        // A click on a few words in the middle of sentence 5 plays from its start.
        var fifth = cues[5];
        var words = fifth.GetProperty("text").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var snippet = string.Join(' ', words.Skip(1).Take(2));
        var point = await p.Page.EvaluateAsync<JsonElement>(
            """
            (snippet) => {
              const walk = document.createTreeWalker(document.getElementById('article-body'), NodeFilter.SHOW_TEXT);
              for (let n = walk.nextNode(); n; n = walk.nextNode()) {
                const at = n.data.indexOf(snippet);
                if (at < 0) continue;
                const r = document.createRange();
                r.setStart(n, at);
                r.setEnd(n, at + snippet.length);
                const box = r.getBoundingClientRect();
                return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
              }
              return null;
            }
            """,
            snippet);
        Assert.True(point.ValueKind == JsonValueKind.Object, $"'{snippet}' is not in the article's text");
        await p.AudioAsync<bool>("a => { a.addEventListener('seeked', () => { window.__seekedTo = a.currentTime; }, { once: true }); return true; }");
        await p.Page.Mouse.ClickAsync(point.GetProperty("x").GetSingle(), point.GetProperty("y").GetSingle());
        await p.Page.WaitForFunctionAsync("() => window.__seekedTo !== undefined");
        var position = await p.Page.EvaluateAsync<double>("() => window.__seekedTo");
        Assert.InRange(position, fifth.GetProperty("startMs").GetInt64() / 1000.0 - 0.3, fifth.GetProperty("startMs").GetInt64() / 1000.0 + 0.3);
        await p.WaitForAudioAsync("!a.paused");
        await p.Page.WaitForFunctionAsync(
            "(text) => CSS.highlights.has('roya-current') && [...CSS.highlights.get('roya-current')][0].toString().includes(text)", snippet);
        await p.Page.ScreenshotAsync(new() { Path = Path.Combine(PlayerSite.ScreenshotDirectory, $"read-along-{id}.png") });
        p.AssertNoProblems();
    }

    [Fact]
    public async Task Without_the_highlight_API_the_player_plays_as_before_and_says_so_once()
    {
        await using var p = await Site.OpenAsync();
        await p.Page.AddInitScriptAsync("delete CSS.highlights;");
        await p.Page.GotoAsync($"{Site.NewsroomOrigin}/read/{PlayerSite.EnglishSample}");
        await Expect(p.PlayButton).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await PlayerPage.WaitUntilAsync(() => p.Console.Any(line => line.Contains("read-along is off", StringComparison.Ordinal)));
        Assert.Single(p.Console, line => line.Contains("RoyaAudio:", StringComparison.Ordinal));
        await p.PlayButton.ClickAsync();
        await p.WaitForAudioAsync("!a.paused && a.currentTime > 0.3");
        p.AssertNoProblems();
    }
}
