using System.Text.Json;
using System.Text.Json.Serialization;
using RoyaAudio.Rendering;

namespace RoyaAudio.Server.Renditions;

/// <summary>
/// What the service keeps of a finished render beside its row (the <c>record</c> column): the timing listeners
/// follow and the facts editors ask about. The service owns this shape and versions it, so the Audio library's
/// <see cref="RenditionManifest"/> can change without breaking a single stored rendition. A new field is
/// optional; a change of meaning is a new <see cref="Version"/> that <see cref="Read"/> learns to convert.
/// </summary>
public sealed record RenditionRecord
{
    public const int CurrentVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int Version { get; init; } = CurrentVersion;
    public long DurationMs { get; init; }
    public string Language { get; init; } = "";
    public string Engine { get; init; } = "";
    public string Model { get; init; } = "";
    public string Voice { get; init; } = "";
    public double LoudnessLufs { get; init; }
    public double TruePeakDbtp { get; init; }
    public int Units { get; init; }
    public int CacheHits { get; init; }
    public int Requests { get; init; }
    public int Retries { get; init; }
    public IReadOnlyList<RecordedSentence> Sentences { get; init; } = [];

    /// <summary>What the unit checks found; absent for renders without verification and those of earlier releases.</summary>
    public RecordedVerification? Verification { get; init; }

    /// <summary>The loudness envelope for the editors' waveform; absent for renders of earlier releases.</summary>
    public Waveform? Waveform { get; init; }

    public static RenditionRecord From(RenditionManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new()
        {
            DurationMs = manifest.DurationMs,
            Language = manifest.Language,
            Engine = manifest.Engine,
            Model = manifest.Model,
            Voice = manifest.Voice,
            LoudnessLufs = manifest.LoudnessLufs,
            TruePeakDbtp = manifest.TruePeakDbtp,
            Units = manifest.Units,
            CacheHits = manifest.CacheHits,
            Requests = manifest.Requests,
            Retries = manifest.Retries,
            Sentences = [.. manifest.Sentences.Select(s => new RecordedSentence(s.Index, s.Paragraph, s.Text, s.StartMs, s.EndMs))],
            Waveform = manifest.Waveform,
            Verification = manifest.Verification is { } v
                ? new RecordedVerification(v.CheckedUnits, v.TranscribedUnits, v.UncheckedUnits, v.Mismatches, v.Resynthesised, v.Flagged, v.TranscribedSeconds, v.Notes,
                    [.. v.Findings.Select(f => new RecordedFinding(f.Sentence, f.Heard, f.Reason))])
                : null,
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>
    /// The stored record, or one made from the manifest JSON that releases before the record stored (and
    /// that a worker of the previous release still stores during a rolling upgrade); null when neither is there.
    /// </summary>
    public static RenditionRecord? Read(string? recordJson, string? legacyManifestJson)
    {
        if (recordJson is not null)
        {
            var record = JsonSerializer.Deserialize<RenditionRecord>(recordJson, Json)
                ?? throw new InvalidDataException("a stored rendition record is JSON null");
            return record.Version <= CurrentVersion
                ? record
                : throw new InvalidDataException($"a stored rendition record has version {record.Version}; this release reads up to {CurrentVersion}");
        }

        return legacyManifestJson is null ? null : FromLegacyManifest(legacyManifestJson);
    }

    /// <summary>
    /// Reads the manifest JSON of earlier releases through a private copy of its shape as it was then, so a
    /// rename in today's <see cref="RenditionManifest"/> cannot change how old rows read.
    /// </summary>
    public static RenditionRecord FromLegacyManifest(string json)
    {
        var old = JsonSerializer.Deserialize<LegacyManifest>(json, Json) ?? throw new InvalidDataException("a stored manifest is JSON null");
        return new()
        {
            DurationMs = old.DurationMs,
            Language = old.Language ?? "",
            Engine = old.Engine ?? "",
            Model = old.Model ?? "",
            Voice = old.Voice ?? "",
            LoudnessLufs = old.LoudnessLufs,
            TruePeakDbtp = old.TruePeakDbtp,
            Units = old.Units,
            CacheHits = old.CacheHits,
            Requests = old.Requests,
            Retries = old.Retries,
            Sentences = [.. (old.Sentences ?? []).Select(s => new RecordedSentence(s.Index, s.Paragraph, s.Text ?? "", s.StartMs, s.EndMs))],
        };
    }

    private sealed record LegacyManifest(
        long DurationMs, string? Language, string? Engine, string? Model, string? Voice, double LoudnessLufs, double TruePeakDbtp,
        int Units, int CacheHits, int Requests, int Retries, IReadOnlyList<LegacySentence>? Sentences);

    private sealed record LegacySentence(int Index, int Paragraph, string? Text, long StartMs, long EndMs);
}

/// <summary>Where one sentence is heard in the stored MP3, in milliseconds.</summary>
public sealed record RecordedSentence(int Index, int Paragraph, string Text, long StartMs, long EndMs);

/// <param name="Flagged">Script indices of the sentences left for an editor to hear.</param>
/// <param name="Findings">Per flagged sentence, what was heard and why it was doubted.</param>
public sealed record RecordedVerification(
    int CheckedUnits, int TranscribedUnits, int UncheckedUnits, int Mismatches, int Resynthesised, IReadOnlyList<int> Flagged,
    double TranscribedSeconds, IReadOnlyList<string> Notes, IReadOnlyList<RecordedFinding>? Findings = null);

public sealed record RecordedFinding(int Sentence, string? Heard, string Reason);
