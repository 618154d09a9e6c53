using RoyaAudio.Rendering;

namespace RoyaAudio.Bulletins;

/// <summary>What a bulletin's player, feed and editors need to know about it.</summary>
public sealed record BulletinManifest
{
    public required string Language { get; init; }

    /// <summary>The edition's local day the bulletin is for (yyyy-MM-dd).</summary>
    public required string Day { get; init; }

    public required string Title { get; init; }

    public required long DurationMs { get; init; }

    public required IReadOnlyList<BulletinChapter> Chapters { get; init; }

    public required FrameSpan Opening { get; init; }

    public FrameSpan? SpokenDisclosure { get; init; }

    public required string Disclosure { get; init; }

    /// <summary>Requests the TTS service received: the opening and the note at most, never the stories.</summary>
    public required int Requests { get; init; }

    public required int Characters { get; init; }

    public required double LoudnessLufs { get; init; }

    public required double TruePeakDbtp { get; init; }

    public required long Bytes { get; init; }

    public required DateTimeOffset BuiltAt { get; init; }
}
