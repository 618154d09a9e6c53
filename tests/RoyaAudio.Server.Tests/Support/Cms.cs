using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text;

namespace RoyaAudio.Server.Tests.Support;

/// <summary>
/// Plays the CMS: signs bodies the way the webhook contract says (HMAC-SHA256 of "{timestamp}.{body}"),
/// computed here rather than with the service's own signer so a mistake there cannot hide.
/// </summary>
public sealed class Cms(HttpClient http, string secret = TestService.WebhookSecret)
{
    public static string Sign(string secret, long timestamp, byte[] body)
    {
        var message = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".").Concat(body).ToArray();
        return "sha256=" + Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message)).ToLowerInvariant();
    }

    public Task<HttpResponseMessage> PublishAsync(JsonObject article) => PublishAsync(Encoding.UTF8.GetBytes(article.ToJsonString()));

    public async Task<HttpResponseMessage> PublishAsync(byte[] body, long? timestamp = null, string? signature = null, bool withSignature = true)
    {
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/articles") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (withSignature)
        {
            request.Headers.Add("X-Roya-Timestamp", ts.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Roya-Signature", signature ?? Sign(secret, ts, body));
        }

        return await http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> UnpublishAsync(string id, long? timestamp = null)
    {
        var ts = timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/api/articles/{Uri.EscapeDataString(id)}");
        request.Headers.Add("X-Roya-Timestamp", ts.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("X-Roya-Signature", Sign(secret, ts, Encoding.UTF8.GetBytes(id)));
        return await http.SendAsync(request);
    }

    /// <summary>Polls the public audio API until the article's audio has the wanted status.</summary>
    public async Task<JsonElement> WaitForAsync(string id, string status, TimeSpan timeout, Func<JsonElement, bool>? also = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await http.GetAsync($"/api/articles/{id}/audio");
            if (response.IsSuccessStatusCode)
            {
                last = (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
                if (last.GetProperty("status").GetString() == status && (also is null || also(last)))
                {
                    return last;
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"article {id} did not reach '{status}' within {timeout}; last answer: {last}");
    }

    public static JsonObject Article(string id, string title, int paragraphs = 2, string language = "en", string status = "published") => new()
    {
        ["id"] = id,
        ["language"] = language,
        ["title"] = title,
        ["status"] = status,
        ["body"] = string.Join('\n', Enumerable.Range(0, paragraphs).Select(p =>
            $"<p>In part {p} of the story {id}, the council said the plan reaches {p * 37 + 12} homes. Work starts in {p + 2} weeks.</p>")),
    };
}
