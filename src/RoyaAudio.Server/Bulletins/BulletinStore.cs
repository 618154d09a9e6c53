using System.Text.Json;
using Dapper;
using RoyaAudio.Server.Database;
using RoyaAudio.Server.Renditions;

namespace RoyaAudio.Server.Bulletins;

/// <summary>Bulletin builds, the editors' picks, and the stories a bulletin can be made of.</summary>
public sealed class BulletinStore(AppDatabase database, TimeProvider clock)
{
    public long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<BulletinRow> CreateAsync(string language, string day, string requestedBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<BulletinRow>(
            "INSERT INTO bulletins (language, day, status, requested_by, created_at) VALUES (@language, @day, @status, @requestedBy, @now) RETURNING *",
            new { language, day, status = BulletinStatus.Queued, requestedBy, now = Now });
    }

    public async Task<BulletinRow?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BulletinRow>("SELECT * FROM bulletins WHERE id=@id", new { id });
    }

    public async Task SetStatusAsync(long id, string status, string? reason, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE bulletins SET status=@status, reason=@reason, finished_at=CASE WHEN @done=1 THEN @now ELSE finished_at END WHERE id=@id",
            new { id, status, reason, done = status == BulletinStatus.Failed ? 1 : 0, now = Now });
    }

    public async Task ReadyAsync(long id, string mp3Key, long bytes, long durationMs, string manifest, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            UPDATE bulletins SET status=@status, reason=NULL, finished_at=@now, mp3_key=@mp3Key, bytes=@bytes, duration_ms=@durationMs, manifest=@manifest
            WHERE id=@id
            """,
            new { id, status = BulletinStatus.Ready, now = Now, mp3Key, bytes, durationMs, manifest });
    }

    /// <summary>The newest build of the language's bulletin, whatever its state, and the newest ready one.</summary>
    public async Task<(BulletinRow? Newest, BulletinRow? Ready)> LatestAsync(string language, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var newest = await connection.QuerySingleOrDefaultAsync<BulletinRow>(
            "SELECT * FROM bulletins WHERE language=@language ORDER BY id DESC LIMIT 1", new { language });
        var ready = newest?.Status == BulletinStatus.Ready ? newest : await connection.QuerySingleOrDefaultAsync<BulletinRow>(
            "SELECT * FROM bulletins WHERE language=@language AND status=@status ORDER BY id DESC LIMIT 1", new { language, status = BulletinStatus.Ready });
        return (newest, ready);
    }

    /// <summary>Ready bulletins, newest first: the newest build of each day only, so a rebuilt day is one episode.</summary>
    public async Task<IReadOnlyList<BulletinRow>> ReadyAsync(string language, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<BulletinRow>(
            """
            SELECT * FROM bulletins b
            WHERE b.language=@language AND b.status=@status
              AND b.id = (SELECT MAX(o.id) FROM bulletins o WHERE o.language=b.language AND o.day=b.day AND o.status=@status)
            ORDER BY b.day DESC LIMIT @limit
            """,
            new { language, status = BulletinStatus.Ready, limit })];
    }

    public async Task<IReadOnlyList<string>?> PickAsync(string language, string day, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT article_ids FROM bulletin_picks WHERE language=@language AND day=@day", new { language, day });
        return ids is null ? null : JsonSerializer.Deserialize<List<string>>(ids);
    }

    public async Task SetPickAsync(string language, string day, IReadOnlyList<string> articleIds, string pickedBy, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO bulletin_picks (language, day, article_ids, picked_by, picked_at) VALUES (@language, @day, @ids, @pickedBy, @now)
            ON CONFLICT (language, day) DO UPDATE SET article_ids=excluded.article_ids, picked_by=excluded.picked_by, picked_at=excluded.picked_at
            """,
            new { language, day, ids = JsonSerializer.Serialize(articleIds), pickedBy, now = Now });
    }

    /// <summary>Published articles of the language whose current audio is ready and that arrived since <paramref name="sinceMs"/>, newest first.</summary>
    public async Task<IReadOnlyList<BulletinCandidate>> RecentStoriesAsync(string language, long sinceMs, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<BulletinCandidate>(
            $"{CandidateQuery} AND a.received_at >= @sinceMs ORDER BY a.received_at DESC, a.id LIMIT @limit", new { language, sinceMs, limit })];
    }

    /// <summary>The named articles that can go into the language's bulletin, in no particular order.</summary>
    public async Task<IReadOnlyList<BulletinCandidate>> StoriesAsync(string language, IReadOnlyList<string> articleIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<BulletinCandidate>(
            $"{CandidateQuery} AND a.id {database.InList("ids")}", new { language, ids = articleIds.ToArray() })];
    }

    private const string CandidateQuery =
        """
        SELECT a.id AS article_id, a.title, r.mp3_key, r.record, r.manifest
        FROM articles a JOIN renditions r ON r.id = a.current_rendition_id
        WHERE a.language = @language AND a.published = 1 AND r.status = 'ready' AND r.mp3_key IS NOT NULL
        """;
}

public static class BulletinStatus
{
    public const string Queued = "queued";
    public const string Building = "building";
    public const string Ready = "ready";
    public const string Failed = "failed";
}

public sealed record BulletinRow
{
    public long Id { get; init; }
    public string Language { get; init; } = "";
    public string Day { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Reason { get; init; }
    public string? RequestedBy { get; init; }
    public long CreatedAt { get; init; }
    public long? FinishedAt { get; init; }
    public string? Mp3Key { get; init; }
    public long? Bytes { get; init; }
    public long? DurationMs { get; init; }
    public string? Manifest { get; init; }
}

/// <summary>An article whose current audio can go into a bulletin.</summary>
public sealed record BulletinCandidate
{
    public string ArticleId { get; init; } = "";
    public string Title { get; init; } = "";
    public string Mp3Key { get; init; } = "";
    public string? Record { get; init; }
    public string? Manifest { get; init; }

    /// <summary>Where the story is heard in its MP3: the first sentence's start to the last's end.</summary>
    public (long StartMs, long EndMs)? StorySpan =>
        RenditionRecord.Read(Record, Manifest) is { Sentences.Count: > 0 } record ? (record.Sentences[0].StartMs, record.Sentences[^1].EndMs) : null;
}
