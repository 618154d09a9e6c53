using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text;

namespace RoyaAudio.Benchmarks.Service;

/// <summary>
/// The service's callers in one place: the CMS (signed webhook), an editor (API key) and a listener
/// (public audio API). Signatures follow the webhook contract: HMAC-SHA256 of "{timestamp}.{body}".
/// </summary>
internal sealed class Newsroom(HttpClient http)
{
    public const string WebhookSecret = "bench-webhook-secret-0123456789abcdef";
    public const string EditorKey = "bench-editor-key-0123456789abcdef";

    /// <summary>Security settings every node gets: the webhook secret and one editor key.</summary>
    public static Dictionary<string, string> SecuritySettings() => new()
    {
        ["Security:WebhookSecret"] = WebhookSecret,
        ["Security:ApiKeys:0:Name"] = "bench editor",
        ["Security:ApiKeys:0:Key"] = EditorKey,
        ["Security:ApiKeys:0:Role"] = "editor",
    };

    public static string Sign(long timestamp, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message, prefix.Length);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), message));
    }

    /// <summary>A signed upsert, stamped now: a replayed request would be refused after five minutes.</summary>
    public static HttpRequestMessage PublishRequest(byte[] body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/articles") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Roya-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Roya-Signature", Sign(timestamp, body));
        return request;
    }

    /// <summary>A CMS-style article: short paragraphs of two sentences each, unique to the id so no two articles share a unit.</summary>
    /// <param name="story">Names the story in its text (default: the id); articles with the same story read the same words.</param>
    public static byte[] Article(string id, int paragraphs, string? story = null) => Encoding.UTF8.GetBytes(new JsonObject
    {
        ["id"] = id,
        ["language"] = "en",
        ["title"] = $"Council plan {story ?? id} reaches more homes",
        ["status"] = "published",
        ["body"] = string.Join('\n', Enumerable.Range(0, paragraphs).Select(p =>
            $"<p>In part {p} of the story {story ?? id}, the council said the plan reaches {p * 37 + 12} homes. Work starts in {p + 2} weeks.</p>")),
    }.ToJsonString());

    public async Task PublishAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = PublishRequest(body);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"publish answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>The editor's list: id and status of every article (GET /api/articles).</summary>
    public async Task<List<(string Id, string Status)>> StatusesAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/articles?limit=500");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", EditorKey);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return [.. json.RootElement.EnumerateArray().Select(a => (a.GetProperty("id").GetString()!, a.GetProperty("status").GetString()!))];
    }

    /// <summary>The listener's view of an article's audio: the MP3's URL and duration, or null while it is not ready.</summary>
    public async Task<(Uri Mp3, long DurationMs)?> AudioAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri($"api/articles/{id}/audio", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return json.RootElement.TryGetProperty("audio", out var audio) && audio.ValueKind == JsonValueKind.Object
            ? (new Uri(audio.GetProperty("url").GetString()!), audio.GetProperty("durationMs").GetInt64())
            : null;
    }
}
