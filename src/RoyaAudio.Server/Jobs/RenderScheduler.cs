using Hangfire;
using Hangfire.States;
using RoyaAudio.Server.Renditions;

namespace RoyaAudio.Server.Jobs;

/// <summary>Puts renditions in front of workers: one Hangfire job per attempt, on the rendition's queue.</summary>
public sealed class RenderScheduler(IBackgroundJobClient jobs, RenditionStore renditions)
{
    public async Task<string> EnqueueAsync(RenditionRow rendition, CancellationToken cancellationToken) =>
        await SubmitAsync(rendition, new EnqueuedState(rendition.Queue), cancellationToken);

    public async Task<string> ScheduleAsync(RenditionRow rendition, TimeSpan delay, CancellationToken cancellationToken) =>
        await SubmitAsync(rendition, new ScheduledState(delay), cancellationToken);

    private async Task<string> SubmitAsync(RenditionRow rendition, IState state, CancellationToken cancellationToken)
    {
        var job = Hangfire.Common.Job.FromExpression<RenderJob>(j => j.RunAsync(rendition.Id, rendition.ArticleId, null, CancellationToken.None), rendition.Queue);
        var id = jobs.Create(job, state);
        await renditions.MarkEnqueuedAsync(rendition.Id, id, cancellationToken);
        return id;
    }
}
