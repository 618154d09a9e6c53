using System.Diagnostics;
using Hangfire;
using Hangfire.Client;
using Hangfire.Server;

namespace RoyaAudio.Server.Operations;

/// <summary>
/// Carries the W3C trace context through Hangfire, so a webhook call, the render job it queued (on any
/// worker, in any process) and that job's retries are one trace: the caller's <c>traceparent</c> is
/// stored with the job, and the job runs inside a span that continues it.
/// </summary>
public sealed class JobTraceFilter : IClientFilter, IServerFilter
{
    public const string ParentParameter = "traceparent";
    public const string StateParameter = "tracestate";

    private const string SpanItem = "roya.span";
    private static readonly Lock Gate = new();

    private JobTraceFilter()
    {
    }

    public static JobTraceFilter Instance { get; } = new();

    /// <summary>Hangfire's filters are process-wide; added once however many hosts a process builds.</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (!GlobalJobFilters.Filters.Contains(Instance))
            {
                GlobalJobFilters.Filters.Add(Instance);
            }
        }
    }

    public void OnCreating(CreatingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C, Id: { } parent } current)
        {
            context.SetJobParameter(ParentParameter, parent);
            if (current.TraceStateString is { Length: > 0 } state)
            {
                context.SetJobParameter(StateParameter, state);
            }
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.BackgroundJob.Job;
        ActivityContext.TryParse(context.GetJobParameter<string>(ParentParameter), context.GetJobParameter<string>(StateParameter), isRemote: true, out var parent);
        var span = ServiceTraces.Source.StartActivity($"job {job.Type.Name}.{job.Method.Name}", ActivityKind.Consumer, parent);
        if (span is null)
        {
            return;
        }

        span.SetTag("hangfire.job.id", context.BackgroundJob.Id);
        span.SetTag("hangfire.job.queue", job.Queue);
        context.Items[SpanItem] = span;
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(SpanItem, out var item) && item is Activity span)
        {
            if (context.Exception is { } failure && !context.ExceptionHandled)
            {
                span.SetStatus(ActivityStatusCode.Error, failure.Message);
            }

            span.Stop();
        }
    }
}
