using System.ComponentModel;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Options;
using RoyaAudio.Server.Articles;
using RoyaAudio.Server.Jobs;
using RoyaAudio.Server.Renditions;
using RoyaAudio.Server.Synthesis;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Backfill;

/// <summary>
/// Pages through a backfill: each run requests one page of renders (<c>Jobs:BackfillPageSize</c>), spreads
/// them at <c>Jobs:BackfillPerMinute</c>, moves the cursor and schedules the next run for when the page is spent.
/// So the archive never crowds out fresh news, no request holds an HTTP call open, and Hangfire never
/// holds more than one page of scheduled renders per backfill.
/// </summary>
public sealed class BackfillJob(
    BackfillStore backfills, ArticleStore articles, TtsEngines engines, RenderScheduler renders, IBackgroundJobClient jobs,
    IOptions<JobOptions> options, ILogger<BackfillJob> log)
{
    [DisplayName("Backfill {0}")]
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [10, 30, 60, 120, 300])]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(long backfillId, CancellationToken cancellationToken)
    {
        var backfill = await backfills.GetAsync(backfillId, cancellationToken);
        if (backfill is null || backfill.Status == BackfillStatus.Done)
        {
            return;
        }

        var perMinute = options.Value.BackfillPerMinute;
        var page = await backfills.NextPageAsync(backfill, options.Value.BackfillPageSize, cancellationToken);
        if (page.Count == 0)
        {
            await backfills.FinishAsync(backfillId, cancellationToken);
            log.LogInformation("backfill {Backfill} done: {Queued} renders requested", backfillId, backfill.Queued);
            return;
        }

        var spacing = TimeSpan.FromMinutes(1.0 / perMinute);
        var queued = 0;
        var notPublished = new List<string>();
        foreach (var id in page)
        {
            // Each article is read as it was last set up: its own engine and voice, if an editor chose them.
            var article = await articles.GetAsync(id, cancellationToken);
            var rendition = article is null ? null : await articles.RequestRenderAsync(
                id, new PlannedReading(article.Engine ?? engines.Default.Name, article.Voice, article.ScriptHash), Queues.Backfill, cancellationToken);
            if (rendition is null)
            {
                notPublished.Add(Excerpt.Of(id));
                continue;
            }

            await renders.ScheduleAsync(rendition, spacing * queued, cancellationToken);
            queued++;
        }

        // A crash before this line asks for the same page again: a second request for an article only
        // replaces its waiting rendition, so nothing renders twice for long and nothing is skipped.
        await backfills.AdvanceAsync(backfill, page, queued, notPublished, cancellationToken);
        await backfills.SetJobAsync(backfillId, Schedule(jobs, backfillId, spacing * Math.Max(1, queued)), cancellationToken);
    }

    /// <summary>Puts the pager's next run in front of workers after <paramref name="delay"/>; returns the job id.</summary>
    public static string Schedule(IBackgroundJobClient jobs, long backfillId, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var job = Hangfire.Common.Job.FromExpression<BackfillJob>(j => j.RunAsync(backfillId, CancellationToken.None), Queues.Editor);
        return jobs.Create(job, delay <= TimeSpan.Zero ? new EnqueuedState(Queues.Editor) : new ScheduledState(delay));
    }
}
