namespace RoyaAudio.Server.Renditions;

/// <summary>One render of one version of an article, as stored.</summary>
public sealed record RenditionRow
{
    public long Id { get; init; }
    public string ArticleId { get; init; } = "";
    public string ScriptHash { get; init; } = "";
    public string Engine { get; init; } = "";
    public string? Voice { get; init; }
    public string Queue { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Reason { get; init; }
    public long Attempts { get; init; }
    public string? LeaseOwner { get; init; }

    /// <summary>The worker that took the rendition last (kept after its lease ends).</summary>
    public string? RenderedBy { get; init; }
    public long? LeaseUntil { get; init; }
    public long CreatedAt { get; init; }
    public long? EnqueuedAt { get; init; }
    public string? JobId { get; init; }
    public long? StartedAt { get; init; }
    public long? FinishedAt { get; init; }
    public long? RetiredAt { get; init; }
    public long? CollectedAt { get; init; }
    public string? Mp3Key { get; init; }
    public string? VttKey { get; init; }
    public long? Bytes { get; init; }
    public long? DurationMs { get; init; }
    public long? Characters { get; init; }
    public double? CostUsd { get; init; }
    /// <summary>What earlier releases kept instead of <see cref="Record"/>; still written for their nodes during a rolling upgrade.</summary>
    public string? Manifest { get; init; }

    /// <summary>Sentences verification left for an editor to hear; null when the render was not verified.</summary>
    public long? FlaggedSentences { get; init; }

    /// <summary>Sentence indices, comma-separated, whose units this rendition buys again instead of reusing.</summary>
    public string? Reread { get; init; }

    /// <summary>The <see cref="RenditionRecord"/> as JSON.</summary>
    public string? Record { get; init; }
}
