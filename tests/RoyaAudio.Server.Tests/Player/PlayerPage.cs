using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace RoyaAudio.Server.Tests.Player;

/// <summary>One browser page with what it fetched and what went wrong in it, and the player's parts by name.</summary>
public sealed class PlayerPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    public PlayerPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Request += (_, request) => Requests.Add(request);
        page.PageError += (_, error) => Problems.Add("script error: " + error);
        page.RequestFailed += (_, request) => FailedRequests.Add($"{request.Method} {request.Url}: {request.Failure}");
        page.Console += (_, message) =>
        {
            Console.Add($"{message.Type}: {message.Text}");
            if (message.Type == "error")
            {
                Problems.Add($"console: {message.Text} ({message.Location})");
            }
        };
    }

    public IPage Page { get; }

    public ConcurrentBag<IRequest> Requests { get; } = [];

    public ConcurrentBag<string> Problems { get; } = [];

    /// <summary>Every console message, as "type: text".</summary>
    public ConcurrentBag<string> Console { get; } = [];

    /// <summary>Requests that got no answer the page could use (blocked, refused, aborted).</summary>
    public ConcurrentBag<string> FailedRequests { get; } = [];

    /// <summary>The player the script built (inside the element's shadow root; Playwright's selectors reach into it).</summary>
    public ILocator Player => Page.Locator(".shell .roya");

    public ILocator Label => Player.Locator(".label");

    public ILocator Clock => Player.Locator(".clock");

    public ILocator Note => Player.Locator(".note");

    public ILocator PlayButton => Player.Locator(".play");

    public ILocator Speed => Player.Locator(".speed");

    public ILocator Seek => Player.Locator(".seek");

    public ILocator Audio => Player.Locator("audio");

    public ILocator Sentences => Player.Locator(".transcript span");

    public void AssertNoProblems() => Assert.True(Problems.IsEmpty, string.Join('\n', Problems));

    public IEnumerable<string> Mp3Requests => Requests.Select(r => r.Url).Where(u => new Uri(u).AbsolutePath.EndsWith(".mp3", StringComparison.Ordinal));

    public Task<T> AudioAsync<T>(string expression) => Audio.EvaluateAsync<T>(expression);

    /// <summary>Waits until a condition on the player's audio element holds (evaluated in the page, polled).</summary>
    public Task WaitForAudioAsync(string condition) =>
        Page.WaitForFunctionAsync(
            $"() => {{ const a = document.querySelector('roya-listen')?.shadowRoot?.querySelector('audio'); return !!a && ({condition}); }}",
            null, new() { Timeout = 10_000 });

    public async Task ScreenshotAsync(string name) =>
        await Player.ScreenshotAsync(new() { Path = Path.Combine(PlayerSite.ScreenshotDirectory, name) });

    /// <summary>As a browser reports the tab put in the background or brought back (document.hidden and visibilitychange).</summary>
    public Task SetHiddenAsync(bool hidden) =>
        Page.EvaluateAsync(
            """
            (hidden) => {
              Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
              Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (hidden ? 'hidden' : 'visible') });
              document.dispatchEvent(new Event('visibilitychange'));
            }
            """,
            hidden);

    /// <summary>Waits for a condition on what the test has seen (requests, counters), checked every 50 ms.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, int milliseconds = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(milliseconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold in time");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
