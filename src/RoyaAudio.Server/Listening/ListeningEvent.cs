using System.Text;
using System.Text.Json;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Listening;

/// <summary>How far a playback got; the player reports each mark once per playback.</summary>
public enum Milestone
{
    Play,
    Reached25,
    Reached50,
    Reached75,
    Completed,
}

/// <summary>
/// One beacon from the player: <c>{"articleId":"…","event":"play"|"25"|"50"|"75"|"100","token":"…"}</c>. It
/// names an article, a mark and the page view's play token (see <see cref="PlayTokens"/>), nothing about the listener.
/// </summary>
public sealed record ListeningEvent(string ArticleId, Milestone Milestone, string? Token = null)
{
    /// <summary>A real beacon is under 200 bytes; anything near this is not from the player.</summary>
    public const int MaxBodyBytes = 1024;

    /// <summary>Reads a body; a refusal carries the status to answer with (400 unreadable, 422 wrong content).</summary>
    public static EventReading Read(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        string text;
        try
        {
            text = StrictUtf8.Encoding.GetString(body);
        }
        catch (DecoderFallbackException e)
        {
            return EventReading.Refused(StatusCodes.Status400BadRequest, $"the body is not valid UTF-8 (at byte {e.Index})");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException)
        {
            return EventReading.Refused(StatusCodes.Status400BadRequest, """the body is not JSON: send {"articleId":"…","event":"play"}""");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return EventReading.Refused(StatusCodes.Status422UnprocessableEntity, "the body must be a JSON object with articleId and event");
            }

            string? id, name, token;
            try
            {
                id = StringOrNull(root, "articleId");
                name = StringOrNull(root, "event");
                token = StringOrNull(root, "token");
            }
            catch (InvalidOperationException)
            {
                // An escaped lone surrogate ("\ud800") is valid JSON but no text.
                return EventReading.Refused(StatusCodes.Status400BadRequest, "the body's strings are not valid Unicode");
            }

            if (id is null || !IsArticleId(id))
            {
                return EventReading.Refused(
                    StatusCodes.Status422UnprocessableEntity, "articleId must be an article id: 1-128 letters, digits, '-', '_' or '.' (no '..')");
            }

            return MilestoneFor(name) is { } milestone
                ? new EventReading(new ListeningEvent(id, milestone, token), StatusCodes.Status204NoContent, null)
                : EventReading.Refused(StatusCodes.Status422UnprocessableEntity, "event must be one of \"play\", \"25\", \"50\", \"75\" or \"100\"");
        }
    }

    /// <summary>The same rule the CMS's article ids follow, so nothing else can reach the database.</summary>
    public static bool IsArticleId(string id) => RoyaAudio.Articles.ArticleReader.IsSafeId(id);

    private static string? StringOrNull(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Milestone? MilestoneFor(string? name) => name switch
    {
        "play" => Milestone.Play,
        "25" => Milestone.Reached25,
        "50" => Milestone.Reached50,
        "75" => Milestone.Reached75,
        "100" => Milestone.Completed,
        _ => null,
    };

}

/// <summary>A parsed event, or the status and detail of the refusal.</summary>
public readonly record struct EventReading(ListeningEvent? Event, int Status, string? Problem)
{
    public static EventReading Refused(int status, string problem) => new(null, status, problem);
}
