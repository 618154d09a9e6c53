using System.Diagnostics;
using RoyaAudio.Server.Storage;
using RoyaAudio.Synthesis;

namespace RoyaAudio.Server.Operations;

/// <summary>The service's spans, on the same "RoyaAudio" source as the speech spans: jobs and storage writes.</summary>
public static class ServiceTraces
{
    public static readonly ActivitySource Source = new(SpeechTelemetry.Name);

    public static Activity? StartStoragePut(IAudioStore store, StorageKey key)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(key);
        var span = Source.StartActivity("storage put", ActivityKind.Client);
        span?.SetTag("roya.storage.provider", store.Name);
        span?.SetTag("roya.storage.key", key.Value);
        return span;
    }
}
