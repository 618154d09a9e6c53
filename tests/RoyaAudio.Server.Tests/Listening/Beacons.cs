using System.Net;
using System.Net.Http.Headers;

namespace RoyaAudio.Server.Tests.Listening;

/// <summary>Sends listening events the way the player does: sendBeacon (text/plain) or fetch (JSON).</summary>
public static class Beacons
{
    public const string Beacon = "text/plain;charset=UTF-8";
    public const string Json = "application/json";

    public static Task<HttpResponseMessage> SendAsync(HttpClient http, string articleId, string listened, string contentType = Json) =>
        SendRawAsync(http, System.Text.Encoding.UTF8.GetBytes($$"""{"articleId":"{{articleId}}","event":"{{listened}}"}"""), contentType);

    public static async Task<HttpResponseMessage> SendRawAsync(HttpClient http, byte[] body, string? contentType = Json, bool knownLength = true)
    {
        HttpContent content = knownLength ? new ByteArrayContent(body) : new UnknownLengthContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events") { Content = content };
        return await http.SendAsync(request);
    }

    public static async Task CountAsync(HttpClient http, string articleId, string listened, int times, string contentType = Json)
    {
        for (var i = 0; i < times; i++)
        {
            using var response = await SendAsync(http, articleId, listened, contentType);
            Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{listened}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
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
