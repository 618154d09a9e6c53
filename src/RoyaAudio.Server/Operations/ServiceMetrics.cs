using System.Diagnostics.Metrics;
using RoyaAudio.Synthesis;

namespace RoyaAudio.Server.Operations;

/// <summary>
/// The service's own instruments on the "RoyaAudio" meter (the speech ones are in <see cref="SpeechTelemetry"/>):
/// renders and their outcome, audio produced, webhook calls, plays, and the render queue read from the
/// renditions table when a collector asks.
/// </summary>
public sealed class ServiceMetrics
{
    private readonly Counter<long> _renders;
    private readonly Histogram<double> _renderDuration;
    private readonly Counter<double> _audioSeconds;
    private readonly Counter<long> _webhookRequests;
    private readonly Counter<long> _plays;

    public ServiceMetrics(IMeterFactory meters, RenderQueueGauge queue)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(queue);
        // From the host's factory: each host (and its database) has its own meter, disposed with it.
        var meter = meters.Create(SpeechTelemetry.Name);
        _renders = meter.CreateCounter<long>("roya.renders", "{render}", "Render attempts ended, by status (ready, failed, retrying, superseded), engine and queue");
        _renderDuration = meter.CreateHistogram(
            "roya.render.duration", "s", "Time a render attempt took, from its claim to its end",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1800] });
        _audioSeconds = meter.CreateCounter<double>("roya.audio.seconds", "s", "Seconds of audio in renditions that became ready");
        _webhookRequests = meter.CreateCounter<long>("roya.webhook.requests", "{request}", "CMS webhook calls, by outcome (accepted, or why refused)");
        _plays = meter.CreateCounter<long>("roya.plays", "{play}", "Plays counted from listening events");
        meter.CreateObservableGauge("roya.queue.depth", queue.Depths, "{rendition}", "Renditions waiting for a worker (queued or retrying), by queue");
        meter.CreateObservableGauge("roya.queue.oldest_age", queue.OldestAges, "s", "How long the oldest waiting rendition of each queue has waited");
    }

    public void RenderEnded(string status, string engine, string queue, TimeSpan elapsed)
    {
        var tags = new System.Diagnostics.TagList { { "status", status }, { "engine", engine }, { "queue", queue } };
        _renders.Add(1, tags);
        _renderDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void AudioProduced(string engine, long durationMs) =>
        _audioSeconds.Add(durationMs / 1000.0, new KeyValuePair<string, object?>("engine", engine));

    public void WebhookAnswered(string outcome) => _webhookRequests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void Played() => _plays.Add(1);
}
