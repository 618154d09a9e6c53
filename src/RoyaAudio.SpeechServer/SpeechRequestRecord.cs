namespace RoyaAudio.SpeechServer;

/// <summary>One request as the server saw it and how it answered.</summary>
/// <param name="Protocol">"azure" for <c>/openai/deployments/…</c>, "openai" for everything else.</param>
/// <param name="AuthHeader">Which header carried a key: "api-key" or "bearer"; null when none did.</param>
/// <param name="Status">The status sent; 499 when the client left during a stall.</param>
/// <param name="Fault">Null, or the injected fault: "429", "500", "503", "stall", "truncated", "wrong-content-type", "empty", "outage"; "quota" when the request was over <see cref="SpeechServerOptions.QuotaPerMinute"/>.</param>
public sealed record SpeechRequestRecord(
    DateTimeOffset At,
    string Protocol,
    string Path,
    string? Deployment,
    string? ApiVersion,
    string? AuthHeader,
    string? Model,
    string? Input,
    string? Voice,
    string? ResponseFormat,
    double? Speed,
    string? Instructions,
    int Status,
    string? Fault);
