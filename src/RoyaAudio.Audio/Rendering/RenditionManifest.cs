using System.Text.Json;
using RoyaAudio.Synthesis.Verification;

namespace RoyaAudio.Rendering;

/// <summary>Everything a player or editor needs to know about one rendition; written as <c>&lt;id&gt;.json</c> next to the MP3.</summary>
public sealed record RenditionManifest
{
    public required string ArticleId { get; init; }
    public required string Language { get; init; }
    public required long DurationMs { get; init; }
    public required string ScriptHash { get; init; }
    public required string Engine { get; init; }
    public required string Model { get; init; }
    public required string Voice { get; init; }
    public required string Disclosure { get; init; }
    public required IReadOnlyList<SentenceTiming> Sentences { get; init; }

    /// <summary>Where the edition's intro is heard; absent when it has none.</summary>
    public FrameSpan? Intro { get; init; }

    /// <summary>Where the edition's outro is heard; absent when it has none.</summary>
    public FrameSpan? Outro { get; init; }

    /// <summary>Where the AI note is spoken; absent when <c>Disclosure:Spoken</c> is off.</summary>
    public FrameSpan? SpokenDisclosure { get; init; }

    /// <summary>Characters sent to the TTS engine in this render (cache hits cost nothing).</summary>
    public required int Characters { get; init; }
    /// <summary>Requests the TTS service received in this render, retries included.</summary>
    public required int Requests { get; init; }
    public int Retries { get; init; }

    /// <summary>US dollars: characters at the model's price per million, plus transcription minutes at their price.</summary>
    public double EstimatedCostUsd { get; init; }
    public required int CacheHits { get; init; }
    public required int Units { get; init; }
    public required double LoudnessLufs { get; init; }
    public required double TruePeakDbtp { get; init; }
    public required int BitrateKbps { get; init; }
    public required int SampleRate { get; init; }
    public required long Bytes { get; init; }
    public required DateTimeOffset RenderedAt { get; init; }

    /// <summary>What the checks of this render's bought units found; absent when verification is off.</summary>
    public VerificationSummary? Verification { get; init; }

    /// <summary>The programme's loudness over time, for the editors' waveform.</summary>
    public Waveform? Waveform { get; init; }

    /// <summary>The options of <see cref="RenditionJson.Instance"/>, which resolve only the types it names.</summary>
    public static JsonSerializerOptions JsonOptions => RenditionJson.Instance.Options;
}

/// <param name="PerSecond">Levels a second.</param>
/// <param name="Levels">Base64 of one byte a level: RMS from −60 dBFS (0) to full scale (100).</param>
public sealed record Waveform(int PerSecond, string Levels);

/// <summary>Where a piece around the story is heard in the decoded MP3, in milliseconds.</summary>
public sealed record FrameSpan(long StartMs, long EndMs);

/// <summary>Where one sentence is heard in the decoded MP3, in milliseconds.</summary>
public sealed record SentenceTiming(int Index, int Paragraph, string Text, long StartMs, long EndMs);
