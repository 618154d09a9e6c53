using System.Data.Common;
using Dapper;
using RoyaAudio.Server.Database;

namespace RoyaAudio.Server.Renditions;

/// <summary>
/// Every state change of a rendition is one conditional UPDATE, so workers on many machines can race
/// for the same rendition and exactly one wins. A worker holds a rendition through a lease it renews
/// while rendering; a killed worker's lease runs out and the job, run again, claims it anew.
/// </summary>
public sealed class RenditionStore(AppDatabase database, TimeProvider clock)
{
    private static readonly string Live = RenditionStatus.Sql(RenditionStatus.OnItsWay);

    public long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Retires what is queued or rendering for the article and queues a new rendition (inside the caller's transaction).</summary>
    internal static async Task<RenditionRow> QueueAsync(
        DbConnection connection, DbTransaction transaction, string articleId, string scriptHash, string engine, string? voice, string queue, long now,
        IReadOnlyList<int>? reread = null)
    {
        // Re-reads asked for the same script and still waiting are kept: a second "re-read" must not undo the first.
        var waiting = await connection.QueryAsync<string?>(
            $"SELECT reread FROM renditions WHERE article_id=@articleId AND script_hash=@scriptHash AND status IN {Live} AND reread IS NOT NULL",
            new { articleId, scriptHash }, transaction);
        var sentences = waiting.SelectMany(r => (r ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)).Concat((reread ?? []).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Distinct().ToList();
        var rereading = sentences.Count > 0 ? string.Join(',', sentences) : null;
        await connection.ExecuteAsync(
            $"UPDATE renditions SET status='superseded', retired_at=@now, reason='a newer version was queued' WHERE article_id=@articleId AND status IN {Live}",
            new { articleId, now }, transaction);
        return await connection.QuerySingleAsync<RenditionRow>(
            """
            INSERT INTO renditions (article_id, script_hash, engine, voice, queue, status, created_at, reread)
            VALUES (@articleId, @scriptHash, @engine, @voice, @queue, 'queued', @now, @rereading) RETURNING *
            """,
            new { articleId, scriptHash, engine, voice, queue, now, rereading }, transaction);
    }

    /// <summary>The newest rendition that is ready or on its way (inside the caller's transaction).</summary>
    internal static Task<RenditionRow?> LatestActiveAsync(DbConnection connection, DbTransaction? transaction, string articleId) =>
        connection.QuerySingleOrDefaultAsync<RenditionRow>(
            $"SELECT * FROM renditions WHERE article_id=@articleId AND status IN {RenditionStatus.Sql(RenditionStatus.Withdrawable)} ORDER BY id DESC LIMIT 1",
            new { articleId }, transaction);

    /// <summary>Withdraws every rendition of the article (inside the caller's transaction).</summary>
    internal static Task WithdrawAllAsync(DbConnection connection, DbTransaction transaction, string articleId, long now) =>
        connection.ExecuteAsync(
            // Superseded files still in their grace period go too: unpublished means no version stays reachable.
            $"""
            UPDATE renditions SET status='withdrawn', retired_at=COALESCE(retired_at, @now), reason='the article was unpublished'
            WHERE article_id=@articleId AND (status IN {RenditionStatus.Sql(RenditionStatus.Withdrawable)} OR (status='superseded' AND collected_at IS NULL))
            """,
            new { articleId, now }, transaction);

    public async Task<RenditionRow?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RenditionRow>("SELECT * FROM renditions WHERE id=@id", new { id });
    }

    public async Task<RenditionRow?> LatestAsync(string articleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RenditionRow>(
            "SELECT * FROM renditions WHERE article_id=@articleId ORDER BY id DESC LIMIT 1", new { articleId });
    }

    public async Task<IReadOnlyList<RenditionRow>> ForArticleAsync(string articleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<RenditionRow>("SELECT * FROM renditions WHERE article_id=@articleId ORDER BY id", new { articleId })];
    }

    public async Task MarkEnqueuedAsync(long id, string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE renditions SET enqueued_at=@now, job_id=@jobId WHERE id=@id", new { id, jobId, now = Now });
    }

    /// <summary>
    /// Takes the rendition for this worker. Fails when it is finished or retired, when another worker holds
    /// a live lease on it, or when another render of the same article still runs (one at a time).
    /// </summary>
    public async Task<ClaimOutcome> ClaimAsync(long id, string worker, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var connection = await database.OpenAsync(cancellationToken);
        var claimed = await connection.QuerySingleOrDefaultAsync<RenditionRow>(
            $"""
            UPDATE renditions SET status='rendering', lease_owner=@worker, rendered_by=@worker, lease_until=@until, attempts=attempts+1, started_at=@now
            WHERE id=@id
              AND (status IN {RenditionStatus.Sql(RenditionStatus.Waiting)} OR (status='rendering' AND (lease_until IS NULL OR lease_until < @now)))
              AND NOT EXISTS (SELECT 1 FROM renditions other
                              WHERE other.article_id = renditions.article_id AND other.id <> renditions.id AND other.lease_until >= @now)
            RETURNING *
            """,
            new { id, worker, now, until = now + (long)lease.TotalMilliseconds });
        if (claimed is not null)
        {
            return new ClaimOutcome(ClaimResult.Claimed, claimed);
        }

        var row = await connection.QuerySingleOrDefaultAsync<RenditionRow>("SELECT * FROM renditions WHERE id=@id", new { id });
        if (row is null || row.Status is not (RenditionStatus.Queued or RenditionStatus.Retrying or RenditionStatus.Rendering))
        {
            return new ClaimOutcome(ClaimResult.NothingToDo, row);
        }

        return row.Status == RenditionStatus.Rendering
            ? new ClaimOutcome(ClaimResult.HeldElsewhere, row)
            : new ClaimOutcome(ClaimResult.ArticleBusy, row);
    }

    /// <summary>Extends the lease; false when the rendition was retired meanwhile (the render should stop).</summary>
    public async Task<bool> RenewAsync(long id, string worker, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = Now;
        return await connection.ExecuteAsync(
            "UPDATE renditions SET lease_until=@until WHERE id=@id AND lease_owner=@worker AND status='rendering'",
            new { id, worker, until = now + (long)lease.TotalMilliseconds }) == 1;
    }

    /// <summary>Lets go of a lease this worker holds, whatever the rendition's status now is.</summary>
    public async Task ReleaseAsync(long id, string worker, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE renditions SET lease_owner=NULL, lease_until=NULL WHERE id=@id AND lease_owner=@worker", new { id, worker });
    }

    /// <summary>
    /// What <see cref="CompleteAsync"/> returns when this worker's lease ran out and another worker took the
    /// rendition over (and may have finished it): nothing of this attempt was recorded. Not a rendition status.
    /// </summary>
    public const string LeaseLost = "lease-lost";

    /// <summary>
    /// Records the stored files and, in one transaction, makes the rendition the article's audio, unless a
    /// newer rendition is already ready or this one was retired while rendering: then it is kept only for
    /// collection. Returns the status the rendition ended with, or <see cref="LeaseLost"/>.
    /// </summary>
    public async Task<string> CompleteAsync(long id, string worker, StoredRendition stored, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The article's row first, locked on PostgreSQL: an unpublish (which locks it too) either committed
        // before this and is seen, or waits until this rendition is ready and then withdraws it with its files.
        var published = await connection.ExecuteScalarAsync<long>(
            $"SELECT a.published FROM articles a JOIN renditions r ON r.article_id=a.id WHERE r.id=@id{(database.IsPostgres ? " FOR UPDATE OF a" : "")}",
            new { id }, transaction);
        var row = await connection.QuerySingleAsync<RenditionRow>("SELECT * FROM renditions WHERE id=@id", new { id }, transaction);
        if (row.Status == RenditionStatus.Ready || (row.Status == RenditionStatus.Rendering && row.LeaseOwner != worker))
        {
            // Our lease ran out and another worker took over (and may have finished): its files stand, as
            // listeners may already hold them; ours are the same content unless a remote voice varies.
            return LeaseLost;
        }

        var newerReady = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM renditions WHERE article_id=@articleId AND id > @id AND status='ready'", new { articleId = row.ArticleId, id }, transaction);

        var status = published == 0 ? RenditionStatus.Withdrawn
            : row.Status != RenditionStatus.Rendering ? row.Status
            : newerReady == 0 ? RenditionStatus.Ready
            : RenditionStatus.Superseded;
        // Files recorded after a takedown must still be collected, even if the takedown marked the row collected
        // while it had no files yet.
        await connection.ExecuteAsync(
            """
            UPDATE renditions SET status=@status, lease_owner=NULL, lease_until=NULL, finished_at=@now, reason=CASE WHEN @status='withdrawn' THEN reason ELSE NULL END,
                script_hash=@ScriptHash, mp3_key=@Mp3Key, vtt_key=@VttKey, bytes=@Bytes, duration_ms=@DurationMs, characters=@Characters, cost_usd=@CostUsd, record=@Record, manifest=@Manifest, flagged_sentences=@FlaggedSentences,
                retired_at=CASE WHEN @status='ready' THEN NULL ELSE COALESCE(retired_at, @now) END, collected_at=NULL
            WHERE id=@id
            """,
            new { id, status, now, stored.ScriptHash, stored.Mp3Key, stored.VttKey, stored.Bytes, stored.DurationMs, stored.Characters, stored.CostUsd, stored.Record, stored.Manifest, stored.FlaggedSentences },
            transaction);
        if (status == RenditionStatus.Ready)
        {
            await connection.ExecuteAsync(
                "UPDATE renditions SET status='superseded', retired_at=@now WHERE article_id=@articleId AND id < @id AND status='ready'",
                new { articleId = row.ArticleId, id, now }, transaction);
            await connection.ExecuteAsync(
                "UPDATE articles SET current_rendition_id=@id WHERE id=@articleId", new { articleId = row.ArticleId, id }, transaction);
        }

        await transaction.CommitAsync(cancellationToken);
        return status;
    }

    /// <summary>
    /// Hands the rendition back after a failure that a later attempt may not meet (TTS or storage outage).
    /// False when this worker no longer held it (its lease ran out and another worker took it).
    /// </summary>
    public Task<bool> MarkRetryingAsync(long id, string worker, string reason, CancellationToken cancellationToken) =>
        EndAttemptAsync(id, worker, RenditionStatus.Retrying, reason, cancellationToken);

    /// <summary>Ends the rendition as failed; false when this worker no longer held it.</summary>
    public Task<bool> MarkFailedAsync(long id, string worker, string reason, CancellationToken cancellationToken) =>
        EndAttemptAsync(id, worker, RenditionStatus.Failed, reason, cancellationToken);

    private async Task<bool> EndAttemptAsync(long id, string worker, string status, string reason, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = Now;
        return 1 == await connection.ExecuteAsync(
            """
            UPDATE renditions SET status=CASE WHEN status='rendering' THEN @status ELSE status END,
                reason=CASE WHEN status='rendering' THEN @reason ELSE reason END,
                finished_at=CASE WHEN @status='failed' THEN @now ELSE finished_at END,
                lease_owner=NULL, lease_until=NULL
            WHERE id=@id AND lease_owner=@worker
            """,
            new { id, worker, status, reason = reason.Length > 2000 ? reason[..2000] : reason, now });
    }

    /// <summary>Renditions waiting for a worker, oldest first, last enqueued before <paramref name="enqueuedBefore"/>.</summary>
    public async Task<IReadOnlyList<RenditionRow>> PendingAsync(long enqueuedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<RenditionRow>(
            $"SELECT * FROM renditions WHERE status IN {Live} AND (lease_until IS NULL OR lease_until < @now) AND COALESCE(enqueued_at, 0) < @enqueuedBefore ORDER BY id",
            new { now = Now, enqueuedBefore })];
    }

    /// <summary>Retired renditions whose files may go: retired before <paramref name="retiredBefore"/> and not yet collected.</summary>
    public async Task<IReadOnlyList<RenditionRow>> CollectableAsync(long retiredBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<RenditionRow>(
            $"""
            SELECT * FROM renditions WHERE status IN {RenditionStatus.Sql(RenditionStatus.Retired)} AND collected_at IS NULL
              AND retired_at IS NOT NULL AND retired_at < @retiredBefore AND (mp3_key IS NOT NULL OR vtt_key IS NOT NULL)
            ORDER BY id
            """,
            new { retiredBefore })];
    }

    /// <summary>
    /// For the orphan sweep, of these articles: the file keys a rendition not yet collected names, and the
    /// articles with a render in flight (whose just-stored files no row names yet).
    /// </summary>
    public async Task<AudioInUse> AudioInUseAsync(IReadOnlyCollection<string> articleIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string ArticleId, string Status, string? Mp3Key, string? VttKey)>(new CommandDefinition(
            // Dapper hands Npgsql a list as one array parameter, and spells it out as (@a1, @a2, …) for SQLite.
            $"SELECT article_id, status, mp3_key, vtt_key FROM renditions WHERE article_id {database.InList("articleIds")} AND (collected_at IS NULL OR status='rendering')",
            new { articleIds = articleIds.ToArray() }, cancellationToken: cancellationToken));
        var named = new HashSet<string>(StringComparer.Ordinal);
        var rendering = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (articleId, status, mp3, vtt) in rows)
        {
            named.UnionWith(new[] { mp3, vtt }.OfType<string>());
            if (status == RenditionStatus.Rendering)
            {
                rendering.Add(articleId);
            }
        }

        return new AudioInUse(named, rendering);
    }

    /// <summary>Whether a ready rendition still points at the key (identical audio is stored once).</summary>
    public async Task<bool> KeyInUseAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM renditions WHERE status='ready' AND (mp3_key=@key OR vtt_key=@key)", new { key }) > 0;
    }

    public async Task MarkCollectedAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("UPDATE renditions SET collected_at=@now WHERE id=@id", new { id, now = Now });
    }
}

public enum ClaimResult
{
    Claimed,
    NothingToDo,
    HeldElsewhere,
    ArticleBusy,
}

public sealed record ClaimOutcome(ClaimResult Result, RenditionRow? Rendition);

/// <summary>What a finished render left in the store, recorded with the rendition.</summary>
/// <param name="Manifest">The Audio library's manifest JSON, for nodes of the previous release during a rolling upgrade.</param>
/// <param name="FlaggedSentences">Sentences verification left for an editor to hear; null when the render was not verified.</param>
public sealed record StoredRendition(
    string ScriptHash, string Mp3Key, string VttKey, long Bytes, long DurationMs, long Characters, double CostUsd, string Record, string Manifest,
    int? FlaggedSentences = null);

/// <summary>What the orphan sweep must leave: files a rendition names, and articles being rendered now.</summary>
public sealed record AudioInUse(IReadOnlySet<string> NamedKeys, IReadOnlySet<string> RenderingArticles);
