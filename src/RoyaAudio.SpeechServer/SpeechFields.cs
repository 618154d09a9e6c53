namespace RoyaAudio.SpeechServer;

/// <summary>The body fields as the client sent them (null when absent), kept for the request log even when invalid.</summary>
internal sealed record SpeechFields(
    string? Model,
    string? Input,
    string? Voice,
    string? ResponseFormat,
    double? Speed,
    string? Instructions)
{
    public static SpeechFields None { get; } = new(null, null, null, null, null, null);

    /// <summary>The services' default when the client names no format.</summary>
    public string Format => ResponseFormat ?? "mp3";

    public double SpeedOrDefault => Speed ?? 1.0;
}
