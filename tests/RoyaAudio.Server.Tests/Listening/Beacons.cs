using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace RoyaAudio.Server.Tests.Listening;

/// <summary>
/// Sends listening events the way the player does: sendBeacon (text/plain) or fetch (JSON), from the
/// service's own origin (the embed), each page view with the play token the audio API gave it.
/// </summary>
public static class Beacons
{
    public const string Beacon = "text/plain;charset=UTF-8";
    public const string Json = "application/json";

    /// <summary>The page views each client has played per article, so later marks go to views that played, as in a browser.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, Dictionary<string, List<PageView>>> Views = [];

    /// <summary>A page view: its token, and the marks it has sent.</summary>
    public sealed record PageView(string Token, HashSet<string> Sent);

    /// <summary>Opens the article as a page would: the audio API's answer carries the play token.</summary>
    public static async Task<string> TokenAsync(HttpClient http, string articleId)
    {
        var answer = await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/articles/{Uri.EscapeDataString(articleId)}/audio");
        return answer.GetProperty("playToken").GetString() ?? throw new InvalidOperationException($"no play token for {articleId}: {answer}");
    }

    public static Task<HttpResponseMessage> SendAsync(HttpClient http, string articleId, string listened, string token, string contentType = Json, string? origin = "http://localhost") =>
        SendRawAsync(http, Encoding.UTF8.GetBytes($$"""{"articleId":"{{articleId}}","event":"{{listened}}","token":"{{token}}"}"""), contentType, origin: origin);

    public static async Task<HttpResponseMessage> SendRawAsync(HttpClient http, byte[] body, string? contentType = Json, bool knownLength = true, string? origin = "http://localhost")
    {
        HttpContent content = knownLength ? new ByteArrayContent(body) : new UnknownLengthContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = content };
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await http.SendAsync(request);
    }

    /// <summary>
    /// Counts <paramref name="listened"/> <paramref name="times"/> times: each play opens a new page view;
    /// each mark goes to the first view that played and has not sent it (a view that plays first is opened
    /// when none is left, so its play counts too).
    /// </summary>
    public static async Task CountAsync(HttpClient http, string articleId, string listened, int times, string contentType = Json)
    {
        var played = Views.GetOrCreateValue(http);
        if (!played.TryGetValue(articleId, out var views))
        {
            played[articleId] = views = [];
        }

        for (var i = 0; i < times; i++)
        {
            var view = listened == "play" ? null : views.FirstOrDefault(v => !v.Sent.Contains(listened));
            if (view is null)
            {
                view = new PageView(await TokenAsync(http, articleId), []);
                views.Add(view);
                await SendOkAsync(http, articleId, "play", view, contentType);
                if (listened == "play")
                {
                    continue;
                }
            }

            await SendOkAsync(http, articleId, listened, view, contentType);
        }
    }

    private static async Task SendOkAsync(HttpClient http, string articleId, string listened, PageView view, string contentType)
    {
        using var response = await SendAsync(http, articleId, listened, view.Token, contentType);
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{listened}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        view.Sent.Add(listened);
    }

    /// <summary>A body sent without Content-Length, as a chunked upload arrives.</summary>
    private sealed class UnknownLengthContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>The service's clock, moved to chosen days once the article is rendered (webhook signatures need the real time).</summary>
public sealed class MovableClock : TimeProvider
{
    private long _offsetTicks;

    public void MoveTo(DateTimeOffset time) => Interlocked.Exchange(ref _offsetTicks, (time - System.GetUtcNow()).Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
