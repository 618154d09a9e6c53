using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RoyaAudio.Synthesis;

/// <summary>
/// What speech costs, as the engines see it: requests sent and how they ended, how long they took, the
/// characters billed and the units the cache saved. Process-wide instruments: nothing is collected
/// unless a listener (the service's OpenTelemetry) subscribes to the "RoyaAudio" meter.
/// </summary>
public static class SpeechTelemetry
{
    /// <summary>The meter and activity source name every RoyaAudio instrument and span uses.</summary>
    public const string Name = "RoyaAudio";

    private static readonly Meter Meter = new(Name);

    /// <summary>Spans of speech requests (and, in the service, of jobs and storage writes).</summary>
    public static readonly ActivitySource Traces = new(Name);

    /// <summary>Requests that reached (or tried to reach) the engine, by <c>engine</c> and <c>status</c>: an HTTP status code, or ok, timeout, refused, dropped, invalid, failed.</summary>
    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "roya.tts.requests", "{request}", "Speech requests sent to a TTS engine, retries included");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram(
        "roya.tts.duration", "s", "Time one speech request took",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120] });

    private static readonly Counter<long> Characters = Meter.CreateCounter<long>(
        "roya.tts.characters", "{character}", "Characters of text the engine spoke (what a remote service bills)");

    private static readonly Counter<long> CacheHits = Meter.CreateCounter<long>(
        "roya.tts.cache_hits", "{unit}", "Units taken from the unit cache instead of the engine");

    /// <summary>One span per unit spoken (around its retries); remote attempts appear beneath it as HTTP client spans.</summary>
    public static Activity? StartSpeaking(string engine, int characters)
    {
        var span = Traces.StartActivity("tts " + engine, ActivityKind.Internal);
        span?.SetTag("roya.tts.engine", engine);
        span?.SetTag("roya.tts.characters", characters);
        return span;
    }

    public static void RecordRequest(string engine, string status, TimeSpan elapsed)
    {
        var tags = new TagList { { "engine", engine }, { "status", status } };
        Requests.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, tags);
    }

    public static void RecordSpoken(string engine, int characters) =>
        Characters.Add(characters, new KeyValuePair<string, object?>("engine", engine));

    /// <param name="tier">local (this machine's cache) or shared (another worker's, fetched from the store).</param>
    public static void RecordCacheHits(string engine, string tier, int units)
    {
        if (units > 0)
        {
            CacheHits.Add(units, new KeyValuePair<string, object?>("engine", engine), new KeyValuePair<string, object?>("tier", tier));
        }
    }
}
