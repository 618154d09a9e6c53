using System.Text.Json;
using System.Text.Json.Serialization;

namespace RoyaAudio.SpeechServer;

/// <summary>The server's JSON answers, written by generated code so the server runs inside the native CLI.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<SpeechRequestRecord>))]
[JsonSerializable(typeof(TranscriptionAnswer))]
[JsonSerializable(typeof(VerboseTranscriptionAnswer))]
internal sealed partial class SpeechServerJson : JsonSerializerContext
{
    /// <summary>The request log at <c>/_requests</c> is read by people: indented.</summary>
    public static SpeechServerJson Indented { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });
}

/// <summary>The services' <c>json</c> transcription answer.</summary>
internal sealed record TranscriptionAnswer(string? Text);

/// <summary>The services' <c>verbose_json</c> transcription answer; this server gives no segments.</summary>
internal sealed record VerboseTranscriptionAnswer(string Task, string Language, double Duration, string? Text, IReadOnlyList<string> Segments);
