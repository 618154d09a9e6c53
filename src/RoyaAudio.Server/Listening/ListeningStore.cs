using System.Globalization;
using Dapper;
using RoyaAudio.Server.Database;

namespace RoyaAudio.Server.Listening;

/// <summary>
/// Listening counts per article and UTC day. This is deliberately all that is kept: no IP address, user
/// agent, cookie, session or timestamp per listener is stored or even read, so there is no personal data to
/// protect, export or delete. A counter can only go up by one per event, and only once per page view and
/// mark: the view's random id (from its play token) is kept a day with the marks it has reached.
/// </summary>
public sealed class ListeningStore(AppDatabase database, TimeProvider clock)
{
    /// <summary>
    /// Counts the event for page view <paramref name="view"/>: a play once per view, a mark once per view and
    /// only after its play; then today's counter, in the same transaction, if the article is published with
    /// ready audio.
    /// </summary>
    public async Task<Counted> CountAsync(ListeningEvent listened, string view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listened);
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var bit = 1L << (int)listened.Milestone;
        var first = listened.Milestone == Milestone.Play
            ? await connection.ExecuteAsync(
                """
                INSERT INTO listening_views (view_id, article_id, marks, created_at) VALUES (@view, @articleId, @bit, @now)
                ON CONFLICT (view_id) DO NOTHING
                """,
                new { view, articleId = listened.ArticleId, bit, now = now.ToUnixTimeMilliseconds() }, transaction)
            : await connection.ExecuteAsync(
                "UPDATE listening_views SET marks = marks | @bit WHERE view_id = @view AND article_id = @articleId AND (marks & @bit) = 0",
                new { view, articleId = listened.ArticleId, bit }, transaction);
        if (first == 0)
        {
            var known = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM listening_views WHERE view_id = @view", new { view }, transaction);
            return known > 0 ? Counted.Already : Counted.WithoutPlay;
        }

        var day = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // SQLite needs the WHERE clause here to tell the upsert's ON CONFLICT from a join's ON.
        var counted = await connection.ExecuteAsync(
            """
            INSERT INTO listening (article_id, day, plays, reached_25, reached_50, reached_75, completed)
            SELECT a.id, @day, @plays, @reached25, @reached50, @reached75, @completed
            FROM articles a JOIN renditions r ON r.id = a.current_rendition_id
            WHERE a.id = @articleId AND a.published = 1 AND r.status = 'ready'
            ON CONFLICT (article_id, day) DO UPDATE SET
                plays = listening.plays + excluded.plays,
                reached_25 = listening.reached_25 + excluded.reached_25,
                reached_50 = listening.reached_50 + excluded.reached_50,
                reached_75 = listening.reached_75 + excluded.reached_75,
                completed = listening.completed + excluded.completed
            """,
            // SQLite matches parameter names case-sensitively, so the name is spelled as in the SQL.
            new
            {
                articleId = listened.ArticleId,
                day,
                plays = One(listened, Milestone.Play),
                reached25 = One(listened, Milestone.Reached25),
                reached50 = One(listened, Milestone.Reached50),
                reached75 = One(listened, Milestone.Reached75),
                completed = One(listened, Milestone.Completed),
            },
            transaction);
        if (counted == 0)
        {
            // Nothing to listen to: the view is not kept either.
            return Counted.NoAudio;
        }

        await transaction.CommitAsync(cancellationToken);
        return Counted.Yes;
    }

    /// <summary>Forgets page views older than <paramref name="before"/> (unix ms); their tokens have expired.</summary>
    public async Task<int> ForgetViewsAsync(long before, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync("DELETE FROM listening_views WHERE created_at < @before", new { before });
    }

    /// <summary>The article's counters, oldest day first.</summary>
    public async Task<IReadOnlyList<ListeningDay>> DaysAsync(string articleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ListeningDay>(
            "SELECT day, plays, reached_25, reached_50, reached_75, completed FROM listening WHERE article_id=@articleId ORDER BY day",
            new { articleId })];
    }

    /// <summary>
    /// The totals of the <paramref name="limit"/> most recent articles, newest first, chosen and ordered as the
    /// editor API's article list chooses them; an article nobody listened to has zeros.
    /// </summary>
    public async Task<IReadOnlyList<ArticleListening>> RecentTotalsAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TotalsRow>(
            """
            SELECT a.id AS article_id,
                   CAST(COALESCE(SUM(l.plays), 0) AS BIGINT) AS plays,
                   CAST(COALESCE(SUM(l.reached_25), 0) AS BIGINT) AS reached_25,
                   CAST(COALESCE(SUM(l.reached_50), 0) AS BIGINT) AS reached_50,
                   CAST(COALESCE(SUM(l.reached_75), 0) AS BIGINT) AS reached_75,
                   CAST(COALESCE(SUM(l.completed), 0) AS BIGINT) AS completed
            FROM (SELECT id, received_at FROM articles ORDER BY received_at DESC, id LIMIT @limit) a
            LEFT JOIN listening l ON l.article_id = a.id
            GROUP BY a.id, a.received_at
            ORDER BY a.received_at DESC, a.id
            """,
            new { limit });
        return [.. rows.Select(r => new ArticleListening(r.ArticleId, new ListeningTotals
        {
            Plays = r.Plays, Reached25 = r.Reached25, Reached50 = r.Reached50, Reached75 = r.Reached75, Completed = r.Completed,
        }))];
    }

    private sealed class TotalsRow
    {
        public string ArticleId { get; init; } = "";
        public long Plays { get; init; }
        public long Reached25 { get; init; }
        public long Reached50 { get; init; }
        public long Reached75 { get; init; }
        public long Completed { get; init; }
    }

    private static long One(ListeningEvent listened, Milestone milestone) => listened.Milestone == milestone ? 1 : 0;
}

public enum Counted
{
    Yes,

    /// <summary>This view already counted this mark: a repeated beacon changes nothing.</summary>
    Already,

    /// <summary>A mark for a view that never played (not how the player works).</summary>
    WithoutPlay,

    /// <summary>The article has no ready audio (unknown, draft or unpublished).</summary>
    NoAudio,
}
