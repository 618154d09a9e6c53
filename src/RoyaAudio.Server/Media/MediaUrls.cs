using RoyaAudio.Server.Storage;

namespace RoyaAudio.Server.Media;

/// <summary>Where listeners fetch a stored object: the blob/CDN URL, or this service's <c>/media/</c> route.</summary>
public sealed class MediaUrls(IAudioStore store)
{
    public const string Route = "/media";

    public string For(StorageKey key, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return store.PublicUrl(key)?.ToString() ?? $"{request.Scheme}://{request.Host}{request.PathBase}{Route}/{key.Value}";
    }
}
