using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RoyaAudio.SpeechServer;

/// <summary>An error answer in the shape both services use: <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal sealed record ServiceError(int Status, string Message, string Type, string? Param, string? Code)
{
    public static ServiceError InvalidRequest(string message, string? param, string? code) =>
        new(StatusCodes.Status400BadRequest, message, "invalid_request_error", param, code);

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("message", Message);
            json.WriteString("type", Type);
            json.WriteString("param", Param);
            json.WriteString("code", Code);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public async Task WriteAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        var body = ToJson();
        response.StatusCode = Status;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }
}
