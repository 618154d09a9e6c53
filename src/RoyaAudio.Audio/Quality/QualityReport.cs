namespace RoyaAudio.Quality;

/// <summary>What a listener gets from one rendition, measured from the decoded MP3, and where it misses the newsroom's bounds.</summary>
public sealed record QualityReport
{
    public required string File { get; init; }
    public required double DurationSeconds { get; init; }
    public double? ManifestDurationSeconds { get; init; }
    public double? DurationErrorMs { get; init; }
    public required double IntegratedLufs { get; init; }
    public required double TruePeakDbtp { get; init; }

    /// <summary>The same file through ffmpeg's ebur128 meter, when ffmpeg is installed: a second opinion on our meter.</summary>
    public double? FfmpegLufs { get; init; }
    public double? FfmpegTruePeakDbtp { get; init; }
    public required double LeadingSilenceMs { get; init; }
    public required double LongestSilenceMs { get; init; }
    public int? Sentences { get; init; }
    public double? MeanTimingErrorMs { get; init; }
    public double? MaxTimingErrorMs { get; init; }
    public required double BitrateKbps { get; init; }
    public required double BytesPerMinute { get; init; }
    public required bool Gapless { get; init; }
    public required IReadOnlyList<string> Problems { get; init; }
}
