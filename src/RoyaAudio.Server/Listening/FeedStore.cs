using Dapper;
using RoyaAudio.Server.Database;

namespace RoyaAudio.Server.Listening;

/// <summary>The episodes of a language's podcast: published articles whose current rendition is ready, newest audio first.</summary>
public sealed class FeedStore(AppDatabase database)
{
    public async Task<IReadOnlyList<FeedEpisode>> EpisodesAsync(string language, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<FeedEpisode>(
            """
            SELECT a.id AS article_id, a.title, r.id AS rendition_id, r.mp3_key, r.bytes, r.duration_ms, r.finished_at
            FROM articles a JOIN renditions r ON r.id = a.current_rendition_id
            WHERE a.language = @language AND a.published = 1 AND r.status = 'ready' AND r.mp3_key IS NOT NULL
            ORDER BY r.finished_at DESC, r.id DESC
            LIMIT @limit
            """,
            new { language, limit })];
    }
}

/// <summary>One article's current audio as the feed lists it.</summary>
public sealed record FeedEpisode
{
    public string ArticleId { get; init; } = "";
    public string Title { get; init; } = "";
    public long RenditionId { get; init; }
    public string Mp3Key { get; init; } = "";
    public long? Bytes { get; init; }
    public long? DurationMs { get; init; }
    public long? FinishedAt { get; init; }
}
