using Hangfire;
using Microsoft.Extensions.Options;
using RoyaAudio.Server.Backfill;
using RoyaAudio.Server.Renditions;
using RoyaAudio.Server.Storage;

namespace RoyaAudio.Server.Jobs;

/// <summary>
/// Housekeeping that keeps promises when something went wrong elsewhere: a rendition whose job was lost
/// (enqueue failed, in-memory jobs lost in a restart) is put back in front of workers, and files of
/// superseded or withdrawn renditions are deleted once the grace period has passed.
/// </summary>
public sealed class MaintenanceJob(
    RenditionStore renditions, RenderScheduler queue, JobStorage jobStorage, IAudioStore store, IOptions<StorageOptions> storage,
    BackfillStore backfills, IBackgroundJobClient jobs, Listening.ListeningStore listening, TimeProvider clock, ILogger<MaintenanceJob> log)
{
    public const string Id = "maintenance";

    /// <summary>A job is only missing once it is older than this: enqueueing and claiming take a moment.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMinutes(1);

    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await RequeueLostAsync(settle: Settle, cancellationToken);
        await ResumeBackfillsAsync(cancellationToken);
        await CollectAsync(cancellationToken);
        // Page views are kept a day, twice their tokens' lifetime, then only the day's counters remain.
        await listening.ForgetViewsAsync(clock.GetUtcNow().AddDays(-1).ToUnixTimeMilliseconds(), cancellationToken);
        // An hour is far longer than any write takes; what is older was left by a killed process.
        var abandoned = await store.RemoveAbandonedAsync(TimeSpan.FromHours(1), cancellationToken);
        if (abandoned > 0)
        {
            log.LogInformation("removed {Count} temporary files left by interrupted writes", abandoned);
        }
    }

    /// <summary>Whether Hangfire still holds the job in a state that will run it.</summary>
    private static bool HasLiveJob(Hangfire.Storage.IStorageConnection connection, string? jobId) =>
        jobId is not null && connection.GetJobData(jobId)?.State is "Enqueued" or "Scheduled" or "Processing" or "Awaiting";

    /// <summary>Backfills whose pager has not moved for five minutes (a page takes one) and has no live job get it back.</summary>
    public async Task<int> ResumeBackfillsAsync(CancellationToken cancellationToken)
    {
        var stalled = await backfills.UnfinishedAsync(clock.GetUtcNow().AddMinutes(-5).ToUnixTimeMilliseconds(), cancellationToken);
        var resumed = 0;
        using var connection = jobStorage.GetConnection();
        foreach (var backfill in stalled)
        {
            if (HasLiveJob(connection, backfill.JobId))
            {
                continue;
            }

            await backfills.SetJobAsync(backfill.Id, BackfillJob.Schedule(jobs, backfill.Id, TimeSpan.Zero), cancellationToken);
            resumed++;
        }

        if (resumed > 0)
        {
            log.LogWarning("resumed {Count} backfills whose pager job was lost", resumed);
        }

        return resumed;
    }

    /// <summary>Re-enqueues renditions that wait for a worker but have no live Hangfire job.</summary>
    public async Task<int> RequeueLostAsync(TimeSpan settle, CancellationToken cancellationToken)
    {
        var pending = await renditions.PendingAsync(clock.GetUtcNow().Add(-settle).ToUnixTimeMilliseconds(), cancellationToken);
        var requeued = 0;
        using var connection = jobStorage.GetConnection();
        foreach (var rendition in pending)
        {
            if (HasLiveJob(connection, rendition.JobId))
            {
                continue;
            }

            await queue.EnqueueAsync(rendition, cancellationToken);
            requeued++;
        }

        if (requeued > 0)
        {
            log.LogWarning("re-enqueued {Count} renditions whose job was lost", requeued);
        }

        return requeued;
    }

    /// <summary>Deletes files of renditions retired longer than the grace period ago, unless a ready rendition shares them.</summary>
    public async Task<int> CollectAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().AddMinutes(-storage.Value.CollectAfterMinutes).ToUnixTimeMilliseconds();
        var collected = 0;
        foreach (var rendition in await renditions.CollectableAsync(before, cancellationToken))
        {
            await CollectOneAsync(rendition, cancellationToken);
            collected++;
        }

        return collected;
    }

    /// <summary>Unpublished means the audio goes now, not after the grace period.</summary>
    public async Task RemoveWithdrawnAsync(string articleId, CancellationToken cancellationToken)
    {
        foreach (var rendition in await renditions.ForArticleAsync(articleId, cancellationToken))
        {
            if (rendition is { Status: RenditionStatus.Withdrawn, CollectedAt: null })
            {
                await CollectOneAsync(rendition, cancellationToken);
            }
        }
    }

    private async Task CollectOneAsync(RenditionRow rendition, CancellationToken cancellationToken)
    {
        foreach (var key in new[] { rendition.Mp3Key, rendition.VttKey })
        {
            if (StorageKey.TryParse(key, out var parsed) && !await renditions.KeyInUseAsync(parsed.Value, cancellationToken))
            {
                await store.DeleteAsync(parsed, cancellationToken);
            }
        }

        await renditions.MarkCollectedAsync(rendition.Id, cancellationToken);
    }
}
