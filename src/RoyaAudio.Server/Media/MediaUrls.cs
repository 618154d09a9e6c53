using RoyaAudio.Server.Hosting;
using RoyaAudio.Server.Storage;

namespace RoyaAudio.Server.Media;

/// <summary>Where listeners fetch a stored object: the blob/CDN URL, or this service's <c>/media/</c> route at its public address.</summary>
public sealed class MediaUrls(IAudioStore store, PublicAddress address)
{
    public const string Route = "/media";

    public string For(StorageKey key, HttpRequest request) =>
        store.PublicUrl(key)?.ToString() ?? $"{address.Root(request)}{Route}/{key.Value}";
}
