using System.ComponentModel.DataAnnotations;

namespace RoyaAudio.Server.Jobs;

/// <summary>Section <c>Jobs</c>: how workers take, hold and hand back renders.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>Renders one worker process runs at once (each already uses every core for synthesis).</summary>
    [Range(1, 64, ErrorMessage = "Jobs:WorkerCount must be 1-64")]
    public int WorkerCount { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>A render holds its rendition this long between renewals; a killed worker's rendition is free again after it.</summary>
    [Range(5, 3600, ErrorMessage = "Jobs:LeaseSeconds must be 5-3600")]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Hangfire.PostgreSql hands a dead worker's job to another after this (sliding, so live jobs keep theirs).</summary>
    [Range(10, 3600, ErrorMessage = "Jobs:InvisibilityTimeoutSeconds must be 10-3600")]
    public int InvisibilityTimeoutSeconds { get; set; } = 120;

    /// <summary>How often idle workers look for new jobs.</summary>
    [Range(0.1, 60, ErrorMessage = "Jobs:QueuePollSeconds must be 0.1-60")]
    public double QueuePollSeconds { get; set; } = 1;

    /// <summary>Attempts before a rendition is marked failed (TTS or storage outages are retried with growing delays).</summary>
    [Range(1, 50, ErrorMessage = "Jobs:MaxAttempts must be 1-50")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>First delay before another attempt; it doubles per attempt up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    [Range(0.1, 3600, ErrorMessage = "Jobs:RetryDelaySeconds must be 0.1-3600")]
    public double RetryDelaySeconds { get; set; } = 15;

    [Range(1, 86400, ErrorMessage = "Jobs:MaxRetryDelaySeconds must be 1-86400")]
    public double MaxRetryDelaySeconds { get; set; } = 600;

    /// <summary>Archive renders started per minute by a backfill, so the archive never crowds out the news.</summary>
    [Range(1, 10000, ErrorMessage = "Jobs:BackfillPerMinute must be 1-10000")]
    public int BackfillPerMinute { get; set; } = 20;

    /// <summary>Articles a backfill's pager handles per run (one short run per page, the page's renders spread at <see cref="BackfillPerMinute"/>).</summary>
    [Range(1, 1000, ErrorMessage = "Jobs:BackfillPageSize must be 1-1000")]
    public int BackfillPageSize { get; set; } = 20;

    /// <summary>
    /// For tests of races only; leave empty in production. While this file exists, a worker that has stored a
    /// render's files waits before making it ready, after writing the rendition id to the file plus ".held".
    /// </summary>
    public string? TestHoldBeforeReadyFile { get; set; }

    /// <summary>Where a worker renders before storing (local scratch space).</summary>
    public string? WorkDirectory { get; set; }

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    /// <summary>Where renders keep their scratch files, one folder per render.</summary>
    public string RenderScratchRoot => Path.Combine(WorkDirectory ?? Path.Combine(Path.GetTempPath(), "roya-audio"), "renders");

    public TimeSpan RetryDelay(long attempt) =>
        TimeSpan.FromSeconds(Math.Min(MaxRetryDelaySeconds, RetryDelaySeconds * Math.Pow(2, Math.Max(0, attempt - 1))));
}
