using System.Text.Json;
using Dapper;
using RoyaAudio.Server.Database;

namespace RoyaAudio.Server.Backfill;

/// <summary>Backfills and the archive pages they walk, newest article first.</summary>
public sealed class BackfillStore(AppDatabase database, TimeProvider clock)
{
    /// <summary>Named ids that were not published are kept up to this many; the count stays exact in the answer's total.</summary>
    public const int NamedLimit = 100;

    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<BackfillRow> CreateAsync(string requestedBy, string? language, IReadOnlyList<string>? articleIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = articleIds?.Count ?? await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM articles WHERE published=1 AND (@language IS NULL OR language=@language)", new { language });
        return await connection.QuerySingleAsync<BackfillRow>(
            """
            INSERT INTO backfills (requested_by, language, article_ids, total, status, created_at, updated_at)
            VALUES (@requestedBy, @language, @ids, @total, @status, @now, @now) RETURNING *
            """,
            new { requestedBy, language, ids = articleIds is null ? null : JsonSerializer.Serialize(articleIds), total, status = BackfillStatus.Queued, now = Now });
    }

    public async Task<BackfillRow?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BackfillRow>("SELECT * FROM backfills WHERE id=@id", new { id });
    }

    public async Task SetJobAsync(long id, string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE backfills SET job_id=@jobId WHERE id=@id", new { id, jobId });
    }

    /// <summary>The next page of article ids after the backfill's cursor: named ids in the order given, else published articles newest first.</summary>
    public async Task<IReadOnlyList<string>> NextPageAsync(BackfillRow backfill, int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backfill);
        if (backfill.ArticleIds is { } named)
        {
            var ids = JsonSerializer.Deserialize<List<string>>(named) ?? [];
            return [.. ids.Skip((int)backfill.CursorIndex).Take(size)];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(
            """
            SELECT id FROM articles
            WHERE published=1 AND (@Language IS NULL OR language=@Language)
              AND (@CursorReceivedAt IS NULL OR received_at < @CursorReceivedAt OR (received_at = @CursorReceivedAt AND id > @CursorId))
            ORDER BY received_at DESC, id LIMIT @size
            """,
            new { backfill.Language, backfill.CursorReceivedAt, backfill.CursorId, size })];
    }

    /// <summary>Moves the cursor past a page the pager has handled.</summary>
    public async Task AdvanceAsync(BackfillRow backfill, IReadOnlyList<string> page, int queued, IReadOnlyList<string> notPublished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(backfill);
        ArgumentNullException.ThrowIfNull(page);
        await using var connection = await database.OpenAsync(cancellationToken);
        var last = page.Count == 0 ? null : page[^1];
        var receivedAt = last is null || backfill.ArticleIds is not null
            ? backfill.CursorReceivedAt
            : await connection.ExecuteScalarAsync<long?>("SELECT received_at FROM articles WHERE id=@last", new { last });
        var named = JsonSerializer.Deserialize<List<string>>(backfill.NotPublished) ?? [];
        named.AddRange(notPublished.Take(Math.Max(0, NamedLimit - named.Count)));
        await connection.ExecuteAsync(
            """
            UPDATE backfills SET status=@status, queued=queued+@queued, not_published=@named, cursor_received_at=@receivedAt,
                cursor_id=@cursorId, cursor_index=cursor_index+@count, updated_at=@now
            WHERE id=@Id
            """,
            new
            {
                backfill.Id, status = BackfillStatus.Running, queued, named = JsonSerializer.Serialize(named), receivedAt,
                cursorId = backfill.ArticleIds is null ? last ?? backfill.CursorId : null, count = page.Count, now = Now,
            });
    }

    public async Task FinishAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE backfills SET status=@done, finished_at=@now, updated_at=@now WHERE id=@id", new { id, done = BackfillStatus.Done, now = Now });
    }

    /// <summary>Backfills not done whose pager has not moved since <paramref name="before"/> (unix ms): their job may be lost.</summary>
    public async Task<IReadOnlyList<BackfillRow>> UnfinishedAsync(long before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<BackfillRow>(
            "SELECT * FROM backfills WHERE status <> @done AND updated_at < @before", new { done = BackfillStatus.Done, before })];
    }
}
