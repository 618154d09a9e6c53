using System.ComponentModel;
using System.Diagnostics;
using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.Options;
using RoyaAudio.Articles;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Renditions;
using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Server.Jobs;

/// <summary>
/// Renders one rendition. Safe to run twice and on any worker: the rendition is claimed under a lease
/// first, files are stored under content hashes before the rendition flips to ready in one transaction,
/// and a render whose rendition was superseded meanwhile stops at the next lease renewal.
/// </summary>
/// <remarks>
/// Four mechanisms bring a render back; each covers what the others cannot see:
/// <list type="bullet">
/// <item>The <b>lease</b> (renditions table) decides who renders. A killed or frozen worker stops renewing it,
/// and the next run of the job, wherever it happens, may claim the rendition once it has run out.</item>
/// <item><b>Attempts with backoff</b> (<see cref="JobOptions.MaxAttempts"/>) are for renders that failed in
/// our hands, a TTS or storage outage: we mark the rendition retrying with the reason editors read, schedule
/// the next attempt, and call it failed when attempts are spent.</item>
/// <item><b>Hangfire's <see cref="AutomaticRetryAttribute"/></b> is for failures that escape before that
/// bookkeeping can run: the database gone at the claim or at the hand-back. The row cannot be written then,
/// so only Hangfire can bring the job back, seconds later.</item>
/// <item><b>Maintenance's re-queue</b> (<see cref="MaintenanceJob.RequeueLostAsync"/>) is for renditions
/// whose job Hangfire no longer holds at all: an enqueue that failed after the row was written, retries
/// spent on a database outage. It looks once a minute.</item>
/// </list>
/// None is redundant: without the lease two workers would render at once; without Hangfire's retry an
/// outage at the claim would wait minutes for maintenance; without maintenance a lost enqueue is lost.
/// </remarks>
public sealed class RenderJob(
    RenditionStore renditions,
    RenditionProduction production,
    RenderScheduler queue,
    IOptions<JobOptions> options,
    MaintenanceJob maintenance,
    TimeProvider clock,
    ServiceMetrics metrics,
    ILogger<RenderJob> log)
{
    /// <summary>Who holds a lease: unique per run, so a job that runs twice never mistakes the other run's lease for its own.</summary>
    private readonly string _worker = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>
    /// Unexpected failures (the database gone mid-claim) are retried by Hangfire; render failures by us. The
    /// article id is carried only so the dashboard can show it.
    /// </summary>
    [DisplayName("Render {1} (rendition {0})")]
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 15, 30, 60, 120])]
    public Task RunAsync(long renditionId, string articleId, PerformContext? context, CancellationToken cancellationToken) =>
        RunAsync(renditionId, context, cancellationToken);

    /// <summary>The signature jobs queued by earlier releases name; Hangfire finds a job by its method, so it stays.</summary>
    [DisplayName("Render rendition {0}")]
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [5, 15, 30, 60, 120])]
    public async Task RunAsync(long renditionId, PerformContext? context, CancellationToken cancellationToken)
    {
        // Message-template scopes: structured for JSON logs and readable in the single-line console format.
        using var scope = log.BeginScope("rendition {RenditionId} job {JobId}", renditionId, context?.BackgroundJob.Id);
        var settings = options.Value;
        var claim = await renditions.ClaimAsync(renditionId, _worker, settings.Lease, cancellationToken);
        switch (claim.Result)
        {
            case ClaimResult.NothingToDo:
                log.LogInformation("rendition {RenditionId} is {Status}: nothing to render", renditionId, claim.Rendition?.Status ?? "gone");
                return;
            case ClaimResult.HeldElsewhere:
                log.LogInformation("rendition {RenditionId} is being rendered by {Worker}", renditionId, claim.Rendition!.LeaseOwner);
                return;
            case ClaimResult.ArticleBusy:
                // One render per article at a time: the older one stops at its next lease renewal.
                await queue.ScheduleAsync(claim.Rendition!, TimeSpan.FromSeconds(Math.Max(2, settings.LeaseSeconds / 3.0)), cancellationToken);
                return;
        }

        var rendition = claim.Rendition!;
        using var articleScope = log.BeginScope("article {ArticleId}", rendition.ArticleId);
        Activity.Current?.SetTag("roya.rendition.id", rendition.Id);
        Activity.Current?.SetTag("roya.article.id", rendition.ArticleId);
        var started = Stopwatch.GetTimestamp();
        void Ended(string status) => metrics.RenderEnded(status, rendition.Engine, rendition.Queue, Stopwatch.GetElapsedTime(started));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = KeepLeaseAsync(rendition.Id, stop);
        try
        {
            var stored = await production.RenderAndStoreAsync(rendition, stop.Token);
            await stop.CancelAsync();
            await heartbeat;
            await HoldForTestsAsync(rendition.Id, settings.TestHoldBeforeReadyFile, cancellationToken);
            var status = await renditions.CompleteAsync(rendition.Id, _worker, stored, CancellationToken.None);
            if (status == RenditionStore.LeaseLost)
            {
                // Stalled past the lease (a long pause, a frozen container) after storing: the files are
                // content-addressed, so nothing listeners hold was overwritten; what no rendition names goes
                // with the orphan sweep.
                log.LogWarning(
                    "rendition {RenditionId} of {ArticleId} was taken over by another worker while this one was stalled past its lease; its result is dropped",
                    rendition.Id, rendition.ArticleId);
                Ended(RenditionStore.LeaseLost);
                return;
            }

            if (status == RenditionStatus.Withdrawn)
            {
                // Unpublished while rendering: what was just stored goes now, not after the grace period.
                await maintenance.RemoveWithdrawnAsync(rendition.ArticleId, CancellationToken.None);
            }

            if (status == RenditionStatus.Ready)
            {
                metrics.AudioProduced(rendition.Engine, stored.DurationMs);
            }

            Ended(status);

            log.LogInformation("rendition {RenditionId} of {ArticleId} {Status}: {DurationMs} ms, {Bytes} bytes", rendition.Id, rendition.ArticleId, status, stored.DurationMs, stored.Bytes);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
            await heartbeat;
            if (cancellationToken.IsCancellationRequested)
            {
                // Shutting down: hand the rendition back at once so another worker need not wait out the lease.
                if (await renditions.MarkRetryingAsync(rendition.Id, _worker, "the worker shut down; handed back", CancellationToken.None))
                {
                    log.LogInformation("rendition {RenditionId} of {ArticleId} handed back: the worker is stopping", rendition.Id, rendition.ArticleId);
                    Ended(RenditionStatus.Retrying);
                }
                else
                {
                    log.LogWarning(
                        "rendition {RenditionId} of {ArticleId} was stopped; another worker had already taken it over (this one stalled past its lease)",
                        rendition.Id, rendition.ArticleId);
                    Ended(RenditionStore.LeaseLost);
                }

                throw;
            }

            await renditions.ReleaseAsync(rendition.Id, _worker, CancellationToken.None);
            var now = await renditions.GetAsync(rendition.Id, CancellationToken.None);
            var why = now?.Status is RenditionStatus.Superseded or RenditionStatus.Withdrawn ? now.Status : RenditionStore.LeaseLost;
            log.LogInformation(
                "rendition {RenditionId} of {ArticleId} stopped while rendering: {Why}", rendition.Id, rendition.ArticleId,
                why == RenditionStore.LeaseLost ? "another worker took it over after this one stalled past its lease" : why);
            Ended(why);
        }
        catch (Exception e) when (e is ArticleInputException or SpeechServiceException { Status: 400 or 422 })
        {
            // Nothing to read, an unknown voice: no later attempt can succeed, so editors see why at once.
            await stop.CancelAsync();
            await heartbeat;
            log.LogWarning("rendition {RenditionId} of {ArticleId} failed: {Reason}", rendition.Id, rendition.ArticleId, e.Message);
            await renditions.MarkFailedAsync(rendition.Id, _worker, e.Message, CancellationToken.None);
            Ended(RenditionStatus.Failed);
        }
        catch (Exception e)
        {
            await stop.CancelAsync();
            await heartbeat;
            Ended(await HandBackAsync(rendition, e));
        }
    }

    /// <summary>Marks the rendition for another attempt, or failed when attempts are spent; returns which.</summary>
    private async Task<string> HandBackAsync(RenditionRow rendition, Exception failure)
    {
        var settings = options.Value;
        var attempts = rendition.Attempts;
        var reason = $"attempt {attempts} of {settings.MaxAttempts}: {failure.GetType().Name}: {failure.Message}";
        if (attempts >= settings.MaxAttempts)
        {
            log.LogError(failure, "rendition {RenditionId} of {ArticleId} failed after {Attempts} attempts", rendition.Id, rendition.ArticleId, attempts);
            await renditions.MarkFailedAsync(rendition.Id, _worker, reason, CancellationToken.None);
            return RenditionStatus.Failed;
        }

        var delay = settings.RetryDelay(attempts);
        log.LogWarning("rendition {RenditionId} of {ArticleId} will be retried in {Delay}: {Reason}", rendition.Id, rendition.ArticleId, delay, reason);
        await renditions.MarkRetryingAsync(rendition.Id, _worker, $"retrying in {delay.TotalSeconds:F0} s after {reason}", CancellationToken.None);
        await queue.ScheduleAsync(rendition, delay, CancellationToken.None);
        return RenditionStatus.Retrying;
    }

    private async Task KeepLeaseAsync(long renditionId, CancellationTokenSource stop)
    {
        var settings = options.Value;
        var period = TimeSpan.FromSeconds(Math.Max(1, settings.LeaseSeconds / 4.0));
        using var timer = new PeriodicTimer(period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                try
                {
                    if (!await renditions.RenewAsync(renditionId, _worker, settings.Lease, stop.Token))
                    {
                        await stop.CancelAsync();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The database may be back before the lease runs out; keep rendering.
                    log.LogWarning("could not renew the lease on rendition {RenditionId}: {Reason}", renditionId, e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The render ended (or was stopped).
        }
    }

    /// <summary>The race-test hold (<see cref="JobOptions.TestHoldBeforeReadyFile"/>); does nothing unless that file exists.</summary>
    private async Task HoldForTestsAsync(long renditionId, string? holdFile, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(holdFile) || !File.Exists(holdFile))
        {
            return;
        }

        log.LogWarning("rendition {RenditionId} held before it is made ready (Jobs:TestHoldBeforeReadyFile)", renditionId);
        await File.WriteAllTextAsync(holdFile + ".held", renditionId.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
        while (File.Exists(holdFile))
        {
            await Task.Delay(100, cancellationToken);
        }
    }
}
