namespace RoyaAudio.Server.Backfill;

/// <summary>One backfill as stored: what was asked, how far the pager got, and what it found.</summary>
public sealed class BackfillRow
{
    public long Id { get; init; }

    public string RequestedBy { get; init; } = "";

    public string? Language { get; init; }

    /// <summary>JSON array of the ids an editor named; null when the backfill walks the archive.</summary>
    public string? ArticleIds { get; init; }

    public long Total { get; init; }

    public long Queued { get; init; }

    /// <summary>JSON array of named ids that were not published articles (at most <see cref="BackfillStore.NamedLimit"/>).</summary>
    public string NotPublished { get; init; } = "[]";

    public string Status { get; init; } = "";

    public long? CursorReceivedAt { get; init; }

    public string? CursorId { get; init; }

    public long CursorIndex { get; init; }

    public string? JobId { get; init; }

    public long CreatedAt { get; init; }

    public long UpdatedAt { get; init; }

    public long? FinishedAt { get; init; }
}

/// <summary>A backfill's life: queued until its first page, running while pages remain, done.</summary>
public static class BackfillStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
}
