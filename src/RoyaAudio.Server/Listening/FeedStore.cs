using Dapper;
using RoyaAudio.Server.Database;

namespace RoyaAudio.Server.Listening;

/// <summary>The episodes of an edition's podcast: published articles whose current rendition is ready, newest article first.</summary>
public sealed class FeedStore(AppDatabase database)
{
    public async Task<IReadOnlyList<FeedEpisode>> EpisodesAsync(string language, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // An article the CMS sent without publishedAt is dated by its first audio, which no later rendition moves.
        return [.. await connection.QueryAsync<FeedEpisode>(
            """
            SELECT e.* FROM (
                SELECT a.id AS article_id, a.title, a.url, a.summary,
                       COALESCE(a.published_at, (SELECT MIN(x.finished_at) FROM renditions x WHERE x.article_id = a.id AND x.mp3_key IS NOT NULL)) AS published_at,
                       r.id AS rendition_id, r.mp3_key, r.bytes, r.duration_ms, r.finished_at
                FROM articles a JOIN renditions r ON r.id = a.current_rendition_id
                WHERE a.language = @language AND a.published = 1 AND r.status = 'ready' AND r.mp3_key IS NOT NULL
            ) e
            ORDER BY e.published_at DESC, e.article_id
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

    /// <summary>The article's page, when the CMS sent one.</summary>
    public string? Url { get; init; }

    /// <summary>The article's summary points, one a line.</summary>
    public string? Summary { get; init; }

    /// <summary>Unix milliseconds: the CMS's publishedAt, else when the article's first audio was ready.</summary>
    public long? PublishedAt { get; init; }
    public long RenditionId { get; init; }
    public string Mp3Key { get; init; } = "";
    public long? Bytes { get; init; }
    public long? DurationMs { get; init; }

    /// <summary>When the current audio was ready: the episode's updated date.</summary>
    public long? FinishedAt { get; init; }
}
