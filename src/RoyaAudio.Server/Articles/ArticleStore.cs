using Dapper;
using RoyaAudio.Articles;
using RoyaAudio.Server.Database;
using RoyaAudio.Server.Jobs;
using RoyaAudio.Server.Renditions;

namespace RoyaAudio.Server.Articles;

/// <summary>Articles as the CMS last sent them, and the decisions that go with a new version, each in one transaction.</summary>
public sealed class ArticleStore(AppDatabase database, TimeProvider clock)
{
    private long Now => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Null for an unknown id, and for an id no article can have (taken from a URL, it never reaches the database).</summary>
    public async Task<ArticleRow?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!ArticleReader.IsSafeId(id))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ArticleRow>("SELECT * FROM articles WHERE id=@id", new { id });
    }

    /// <summary>The newest articles with their newest and current renditions, in one query (the editor's list).</summary>
    /// <summary>
    /// A page of the desk's list, newest first, with each article's listening totals and whether its audio
    /// awaits review, and how many articles match in all.
    /// </summary>
    public async Task<(IReadOnlyList<ArticleOverview> Page, long Total)> ListAsync(DeskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = $"""
            WHERE (@q IS NULL OR a.id = @q OR LOWER(a.title) LIKE @pattern ESCAPE '\')
              AND (@language IS NULL OR a.language = @language)
              AND (@status IS NULL OR COALESCE(l.status, 'none') = @status)
              AND (@review = 0 OR COALESCE(c.flagged_sentences, 0) > (SELECT COUNT(*) FROM sentence_reviews s WHERE s.rendition_id = c.id))
              AND (@named = 0 OR a.id {database.InList("ids")})
            """;
        var from = """
            FROM articles a
            LEFT JOIN renditions c ON c.id = a.current_rendition_id
            LEFT JOIN renditions l ON l.id = (SELECT MAX(r.id) FROM renditions r WHERE r.article_id = a.id)
            """;
        var q = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        var ids = query.Ids ?? [];
        var parameters = new
        {
            q,
            pattern = q is null ? null : "%" + q.ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%",
            language = query.Language,
            status = query.Status,
            review = query.ReviewOnly ? 1 : 0,
            named = query.Ids is null ? 0 : 1,
            ids = ids.Count == 0 ? [""] : ids.ToArray(),
            limit = query.PageSize,
            offset = (query.Page - 1) * query.PageSize,
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) {from} {where}", parameters);
        var page = await connection.QueryAsync<ArticleOverview>(
            $"""
            SELECT a.id, a.language, a.title, a.published, a.auto_regenerate, a.characters,
                   l.status AS latest_status, l.reason AS latest_reason, l.attempts AS latest_attempts,
                   c.duration_ms AS current_duration_ms, c.cost_usd AS current_cost_usd, c.flagged_sentences AS current_flagged_sentences,
                   CASE WHEN COALESCE(c.flagged_sentences, 0) > (SELECT COUNT(*) FROM sentence_reviews s WHERE s.rendition_id = c.id) THEN 1 ELSE 0 END AS review_pending,
                   (SELECT CAST(COALESCE(SUM(x.plays), 0) AS BIGINT) FROM listening x WHERE x.article_id = a.id) AS plays,
                   (SELECT CAST(COALESCE(SUM(x.completed), 0) AS BIGINT) FROM listening x WHERE x.article_id = a.id) AS completed
            {from} {where}
            ORDER BY a.received_at DESC, a.id
            LIMIT @limit OFFSET @offset
            """,
            parameters);
        return ([.. page], total);
    }

    public async Task<IReadOnlyList<string>> PublishedIdsAsync(string? language, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<string>(
            "SELECT id FROM articles WHERE published=1 AND (@language IS NULL OR language=@language) ORDER BY received_at DESC", new { language })];
    }

    /// <summary>
    /// Stores the version and decides in the same transaction whether it needs audio: published, on
    /// automatic regeneration, and a script unlike the newest rendition's. A draft withdraws any audio.
    /// </summary>
    public async Task<Acceptance> AcceptAsync(ArticleRow article, string engine, CancellationToken cancellationToken)
    {
        var now = Now;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The upsert locks the article's row until commit, so two versions arriving together take turns.
        // A version signed before the one stored changes nothing (the WHERE skips the update, so nothing returns).
        var stored = await connection.QuerySingleOrDefaultAsync<ArticleRow>(
            """
            INSERT INTO articles (id, language, title, source, script_hash, characters, published, auto_regenerate, received_at, signed_at, published_at, url, summary)
            VALUES (@Id, @Language, @Title, @Source, @ScriptHash, @Characters, @Published, 1, @now, @SignedAt, @PublishedAt, @Url, @Summary)
            ON CONFLICT (id) DO UPDATE SET language=excluded.language, title=excluded.title, source=excluded.source,
                script_hash=excluded.script_hash, characters=excluded.characters, published=excluded.published, received_at=excluded.received_at,
                signed_at=COALESCE(excluded.signed_at, articles.signed_at),
                published_at=excluded.published_at, url=excluded.url, summary=excluded.summary
            WHERE excluded.signed_at IS NULL OR articles.signed_at IS NULL OR articles.signed_at <= excluded.signed_at
            RETURNING *
            """,
            new
            {
                article.Id, article.Language, article.Title, article.Source, article.ScriptHash, article.Characters, article.Published, now, article.SignedAt,
                article.PublishedAt, article.Url, article.Summary,
            },
            transaction);
        if (stored is null)
        {
            var newer = await connection.QuerySingleAsync<ArticleRow>("SELECT * FROM articles WHERE id=@Id", new { article.Id }, transaction);
            return new Acceptance(newer, null, null, Stale: true);
        }

        RenditionRow? queued = null;
        RenditionRow? latest;
        if (!stored.IsPublished)
        {
            await RenditionStore.WithdrawAllAsync(connection, transaction, stored.Id, now);
            await connection.ExecuteAsync("UPDATE articles SET current_rendition_id=NULL WHERE id=@Id", new { stored.Id }, transaction);
            latest = null;
        }
        else
        {
            latest = await RenditionStore.LatestActiveAsync(connection, transaction, stored.Id);
            if (stored.RegeneratesAutomatically && latest?.ScriptHash != stored.ScriptHash)
            {
                queued = await RenditionStore.QueueAsync(connection, transaction, stored.Id, stored.ScriptHash, engine, stored.Voice, Queues.Publish, now);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new Acceptance(stored, queued, queued ?? latest);
    }

    /// <summary>
    /// Unpublishes: the article stays known, its renditions are withdrawn. An unpublish signed before the
    /// version stored is refused (<see cref="Unpublished.Stale"/>): a replayed DELETE cannot take down a
    /// republished article.
    /// </summary>
    public async Task<Unpublished> UnpublishAsync(string id, long? signedAt, CancellationToken cancellationToken)
    {
        if (!ArticleReader.IsSafeId(id))
        {
            return Unpublished.Unknown;
        }

        var now = Now;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var found = await connection.ExecuteAsync(
            """
            UPDATE articles SET published=0, current_rendition_id=NULL, received_at=@now, signed_at=COALESCE(@signedAt, signed_at)
            WHERE id=@id AND (@signedAt IS NULL OR signed_at IS NULL OR signed_at <= @signedAt)
            """,
            new { id, now, signedAt }, transaction);
        if (found == 1)
        {
            await RenditionStore.WithdrawAllAsync(connection, transaction, id, now);
        }

        var outcome = found == 1 ? Unpublished.Done
            : await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM articles WHERE id=@id", new { id }, transaction) > 0 ? Unpublished.Stale
            : Unpublished.Unknown;
        await transaction.CommitAsync(cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Queues a render whatever the script; it supersedes what is queued. The engine and voice become the
    /// article's own, so later edits from the CMS keep reading with them.
    /// </summary>
    public async Task<RenditionRow?> RequestRenderAsync(string id, PlannedReading reading, string queue, CancellationToken cancellationToken)
    {
        if (!ArticleReader.IsSafeId(id))
        {
            return null;
        }

        var now = Now;
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var article = await connection.QuerySingleOrDefaultAsync<ArticleRow>("SELECT * FROM articles WHERE id=@id", new { id }, transaction);
        if (article is null || !article.IsPublished)
        {
            return null;
        }

        await connection.ExecuteAsync(
            "UPDATE articles SET engine=@Engine, voice=@Voice, script_hash=@ScriptHash WHERE id=@id",
            new { id, reading.Engine, reading.Voice, reading.ScriptHash }, transaction);
        var queued = await RenditionStore.QueueAsync(connection, transaction, id, reading.ScriptHash, reading.Engine, reading.Voice, queue, now, reading.Reread);
        await transaction.CommitAsync(cancellationToken);
        return queued;
    }

    public async Task<bool> SetAutoRegenerateAsync(string id, bool enabled, CancellationToken cancellationToken)
    {
        if (!ArticleReader.IsSafeId(id))
        {
            return false;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE articles SET auto_regenerate=@value WHERE id=@id", new { id, value = enabled ? 1L : 0L }) == 1;
    }
}

/// <summary>How an article is to be read: engine, voice (null: the engine's default) and the script hash they give.</summary>
/// <param name="Reread">Sentences to read afresh, their units bought again instead of taken from the cache.</param>
public sealed record PlannedReading(string Engine, string? Voice, string ScriptHash, IReadOnlyList<int>? Reread = null);

/// <summary>What became of a version the CMS sent: the stored article, the rendition queued for it (if any) and the one that now stands for it.</summary>
/// <param name="Stale">The version was signed before the stored one and changed nothing; <c>Article</c> is the stored one.</param>
public sealed record Acceptance(ArticleRow Article, RenditionRow? Queued, RenditionRow? Current, bool Stale = false);

public enum Unpublished
{
    Done,
    Unknown,

    /// <summary>The article changed after the unpublish was signed.</summary>
    Stale,
}
