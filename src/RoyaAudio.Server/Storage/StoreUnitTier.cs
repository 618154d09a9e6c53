using RoyaAudio.Synthesis;

namespace RoyaAudio.Server.Storage;

/// <summary>
/// The audio store as every worker's shared unit cache: a unit one worker paid for is under
/// <c>units/{xx}/{key}.wav</c> for the next.
/// </summary>
public sealed class StoreUnitTier(IAudioStore store) : IUnitCacheTier
{
    public Task<bool> TryFetchAsync(string key, string localPath, CancellationToken cancellationToken) =>
        store.TryDownloadAsync(StorageKey.ForUnit(key), localPath, cancellationToken);

    public Task PublishAsync(string key, string localPath, CancellationToken cancellationToken) =>
        store.PutFileAsync(StorageKey.ForUnit(key), localPath, cancellationToken);
}
