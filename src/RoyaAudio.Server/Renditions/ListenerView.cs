using Dapper;
using Microsoft.Extensions.Caching.Memory;
using RoyaAudio.Articles;
using RoyaAudio.Server.Database;

namespace RoyaAudio.Server.Renditions;

/// <summary>
/// What the player asks on every page view, read with one query that leaves out the article source and
/// the rendition record. A ready rendition never changes, so its sentences are read from its record once and
/// kept in memory; only the article's pointers and statuses are read fresh each time.
/// </summary>
public sealed class ListenerView(AppDatabase database) : IDisposable
{
    // Sized in sentences: about 200,000 of them is some 2,000 long reads, tens of MB at most.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    /// <summary>Null for an unknown id, an id no article can have, or an article that is not published.</summary>
    public async Task<ListenerRow?> GetAsync(string articleId, CancellationToken cancellationToken)
    {
        if (!ArticleReader.IsSafeId(articleId))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ListenerRow>(
            """
            SELECT a.id AS article_id, a.language, a.title, a.published,
                   c.id AS current_id, c.status AS current_status, c.mp3_key, c.vtt_key, c.bytes, c.finished_at AS current_finished_at,
                   CASE WHEN EXISTS (
                       SELECT 1 FROM renditions e
                       WHERE e.article_id = a.id AND e.id <> c.id AND e.status IN ('ready', 'superseded')
                         AND e.mp3_key IS NOT NULL AND e.finished_at < c.finished_at) THEN 1 ELSE 0 END AS replaced_earlier,
                   l.id AS latest_id, l.status AS latest_status,
                   CASE WHEN COALESCE(c.flagged_sentences, 0) > (SELECT COUNT(*) FROM sentence_reviews s WHERE s.rendition_id = c.id) THEN 1 ELSE 0 END AS review_pending
            FROM articles a
            LEFT JOIN renditions c ON c.id = a.current_rendition_id
            LEFT JOIN renditions l ON l.id = (SELECT MAX(r.id) FROM renditions r WHERE r.article_id = a.id)
            WHERE a.id = @articleId
            """,
            new { articleId });
        return row is { Published: not 0 } ? row : null;
    }

    /// <summary>The timing and voice of a ready rendition, from its record (read once per rendition).</summary>
    public async Task<ReadyAudio?> ReadyAudioAsync(long renditionId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(renditionId, out ReadyAudio? known))
        {
            return known;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = await connection.QuerySingleOrDefaultAsync<StoredTiming>(
            "SELECT record, manifest FROM renditions WHERE id=@renditionId AND status='ready'", new { renditionId });
        if (stored is null || RenditionRecord.Read(stored.Record, stored.Manifest) is not { } record)
        {
            return null;
        }

        var audio = new ReadyAudio(
            record.DurationMs, record.Voice,
            [.. record.Sentences.Select(s => new SentenceCue(s.Index, s.Paragraph, s.Text, s.StartMs, s.EndMs))]);
        _cache.Set(renditionId, audio, new MemoryCacheEntryOptions { Size = audio.Sentences.Count + 1, SlidingExpiration = TimeSpan.FromHours(1) });
        return audio;
    }

    public void Dispose() => _cache.Dispose();

    private sealed class StoredTiming
    {
        public string? Record { get; init; }

        public string? Manifest { get; init; }
    }
}

/// <summary>An article and its current and newest renditions, as the public audio API needs them.</summary>
public sealed record ListenerRow
{
    public string ArticleId { get; init; } = "";
    public string Language { get; init; } = "";
    public string Title { get; init; } = "";
    public long Published { get; init; }
    public long? CurrentId { get; init; }
    public string? CurrentStatus { get; init; }
    public string? Mp3Key { get; init; }
    public string? VttKey { get; init; }
    public long? Bytes { get; init; }

    /// <summary>When the current rendition finished (Unix ms).</summary>
    public long? CurrentFinishedAt { get; init; }

    /// <summary>
    /// 1 when listeners could have heard other audio of the article before the current one: a rendition that was
    /// ready (ready or superseded, with its MP3) and finished before it. Withdrawn ones do not count: a takedown
    /// took their audio away, and one that finished after a takedown was never heard.
    /// </summary>
    public long ReplacedEarlier { get; init; }

    /// <summary>When the current audio replaced earlier audio of the article; null for its first.</summary>
    public DateTimeOffset? UpdatedAt =>
        ReplacedEarlier != 0 && CurrentFinishedAt is { } finished ? DateTimeOffset.FromUnixTimeMilliseconds(finished) : null;
    public long? LatestId { get; init; }
    public string? LatestStatus { get; init; }

    /// <summary>1 when the current audio holds flagged sentences no editor has accepted.</summary>
    public long ReviewPending { get; init; }
}

public sealed record ReadyAudio(long DurationMs, string Voice, IReadOnlyList<SentenceCue> Sentences);
