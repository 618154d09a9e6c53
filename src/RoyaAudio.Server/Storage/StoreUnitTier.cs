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

    public async Task PublishAsync(string key, string localPath, CancellationToken cancellationToken)
    {
        var unit = StorageKey.ForUnit(key);
        using var span = Operations.ServiceTraces.StartStoragePut(store, unit);
        await store.PutFileAsync(unit, localPath, cancellationToken);
    }
}
