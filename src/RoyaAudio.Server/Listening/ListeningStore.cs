using System.Globalization;
using Dapper;
using RoyaAudio.Server.Database;

namespace RoyaAudio.Server.Listening;

/// <summary>
/// Listening counts per article and UTC day. This is deliberately all that is kept: no IP address, user
/// agent, cookie, session or timestamp per listener is stored or even read, so there is no personal data to
/// protect, export or delete. A counter can only go up by one per event.
/// </summary>
public sealed class ListeningStore(AppDatabase database, TimeProvider clock)
{
    /// <summary>
    /// Adds the event to today's counters, in one statement that also checks the article is published with
    /// ready audio. False when it is not (nothing is counted then).
    /// </summary>
    public async Task<bool> CountAsync(ListeningEvent listened, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listened);
        var day = clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await using var connection = await database.OpenAsync(cancellationToken);
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
            });
        return counted > 0;
    }

    /// <summary>The article's counters, oldest day first.</summary>
    public async Task<IReadOnlyList<ListeningDay>> DaysAsync(string articleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ListeningDay>(
            "SELECT day, plays, reached_25, reached_50, reached_75, completed FROM listening WHERE article_id=@articleId ORDER BY day",
            new { articleId })];
    }

    private static long One(ListeningEvent listened, Milestone milestone) => listened.Milestone == milestone ? 1 : 0;
}
