using Dapper;
using RoyaAudio.Server.Database;

namespace RoyaAudio.Server.Review;

/// <summary>
/// What waits for an editor's ear: audio listeners hear that holds flagged sentences nobody accepted
/// yet, and articles whose newest render failed. Acceptances belong to one rendition, so a new render
/// of the article starts unreviewed.
/// </summary>
public sealed class ReviewStore(AppDatabase database, TimeProvider clock)
{
    private const string Pending = "COALESCE(r.flagged_sentences, 0) > (SELECT COUNT(*) FROM sentence_reviews s WHERE s.rendition_id = r.id)";

    public async Task<IReadOnlyList<ReviewRow>> QueueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<ReviewRow>(
            $"""
            SELECT r.id AS rendition_id, r.article_id, a.title, a.language, r.status, r.reason, r.finished_at, r.created_at, r.record
            FROM renditions r JOIN articles a ON a.id = r.article_id
            WHERE (r.id = a.current_rendition_id AND r.status = 'ready' AND {Pending})
               OR (r.status = 'failed' AND r.id = (SELECT MAX(x.id) FROM renditions x WHERE x.article_id = r.article_id))
            ORDER BY COALESCE(r.finished_at, r.created_at) DESC, r.id DESC
            LIMIT @limit
            """,
            new { limit })];
    }

    public async Task<IReadOnlyList<SentenceReview>> AcceptedAsync(IReadOnlyCollection<long> renditions, CancellationToken cancellationToken)
    {
        if (renditions.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = string.Join(',', renditions);
        return [.. await connection.QueryAsync<SentenceReview>(
            $"SELECT rendition_id, sentence_index, accepted_by, accepted_at FROM sentence_reviews WHERE rendition_id IN ({ids})")];
    }

    /// <summary>Whether the article's audio holds flagged sentences nobody has accepted; false without audio.</summary>
    public async Task<bool> PendingForAsync(string articleId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            $"SELECT COUNT(*) FROM renditions r JOIN articles a ON a.current_rendition_id = r.id WHERE a.id = @articleId AND {Pending}",
            new { articleId }) > 0;
    }

    /// <summary>Records that <paramref name="editor"/> heard the sentence and accepts it; accepting twice keeps the first.</summary>
    public async Task AcceptAsync(long rendition, int sentence, string editor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO sentence_reviews (rendition_id, sentence_index, accepted_by, accepted_at) VALUES (@rendition, @sentence, @editor, @now)
            ON CONFLICT (rendition_id, sentence_index) DO NOTHING
            """,
            new { rendition, sentence, editor, now = clock.GetUtcNow().ToUnixTimeMilliseconds() });
    }
}

public sealed record ReviewRow
{
    public long RenditionId { get; init; }
    public string ArticleId { get; init; } = "";
    public string Title { get; init; } = "";
    public string Language { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Reason { get; init; }
    public long? FinishedAt { get; init; }
    public long CreatedAt { get; init; }
    public string? Record { get; init; }
}

public sealed record SentenceReview
{
    public long RenditionId { get; init; }
    public long SentenceIndex { get; init; }
    public string AcceptedBy { get; init; } = "";
    public long AcceptedAt { get; init; }
}
