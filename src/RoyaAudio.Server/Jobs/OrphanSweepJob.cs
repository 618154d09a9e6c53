using Hangfire;
using RoyaAudio.Server.Renditions;
using RoyaAudio.Server.Storage;

namespace RoyaAudio.Server.Jobs;

/// <summary>
/// Deletes rendition files no rendition names: what a render stored before it was killed, or before it
/// found another worker had taken its article over, when a voice that never speaks a sentence the same
/// way twice gave its files other names than the finished render's. Collection only ever deletes files a
/// row names, so without this sweep such files would stay for good. Daily, as orphans are rare and
/// listing the store is not free.
/// </summary>
public sealed class OrphanSweepJob(RenditionStore renditions, IAudioStore store, ILogger<OrphanSweepJob> log)
{
    public const string Id = "orphan-sweep";

    /// <summary>
    /// A file is only an orphan once it is this old: a render names its files a moment after storing them,
    /// and a render stalled for longer has lost its lease and will name nothing.
    /// </summary>
    public static readonly TimeSpan MinimumAge = TimeSpan.FromDays(1);

    private const int ArticlesPerQuery = 200;

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public Task<int> RunAsync(CancellationToken cancellationToken) => SweepAsync(MinimumAge, cancellationToken);

    /// <summary>Deletes unnamed rendition files older than <paramref name="olderThan"/>; returns how many went.</summary>
    public async Task<int> SweepAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        var removed = 0;
        var batch = new List<StorageKey>();
        var articles = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var key in store.ListAudioAsync(olderThan, cancellationToken))
        {
            batch.Add(key);
            articles.Add(key.ArticleId!);
            if (articles.Count >= ArticlesPerQuery)
            {
                removed += await SweepBatchAsync(batch, articles, cancellationToken);
                batch.Clear();
                articles.Clear();
            }
        }

        removed += await SweepBatchAsync(batch, articles, cancellationToken);
        if (removed > 0)
        {
            log.LogInformation("removed {Count} rendition files that no rendition names", removed);
        }

        return removed;
    }

    private async Task<int> SweepBatchAsync(List<StorageKey> keys, HashSet<string> articles, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return 0;
        }

        var inUse = await renditions.AudioInUseAsync(articles, cancellationToken);
        var removed = 0;
        foreach (var key in keys)
        {
            // A render in flight may be about to name a file it found already stored (same content, same name).
            if (!inUse.NamedKeys.Contains(key.Value) && !inUse.RenderingArticles.Contains(key.ArticleId!))
            {
                await store.DeleteAsync(key, cancellationToken);
                removed++;
            }
        }

        return removed;
    }
}
