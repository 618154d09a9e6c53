using Microsoft.Extensions.Options;
using RoyaAudio.Server.Jobs;
using RoyaAudio.Synthesis;

namespace RoyaAudio.Server.Storage;

/// <summary>
/// The unit cache every worker shares. On disk the store's own <c>units/</c> folder is the cache; with
/// blob storage each worker keeps a local copy and fetches or publishes units through the store.
/// </summary>
public sealed class SharedUnitCache(IAudioStore store, IOptions<JobOptions> jobs)
{
    private readonly Lazy<UnitCache> _cache = new(() => Create(store, jobs.Value));

    public UnitCache Cache => _cache.Value;

    private static UnitCache Create(IAudioStore store, JobOptions jobs)
    {
        if (store.LocalRoot is { } root)
        {
            // Same layout as the store's units/ keys, so the store's folder is the cache itself.
            return new UnitCache(Path.Combine(root, StorageKey.UnitsFolder));
        }

        var local = Path.Combine(jobs.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "roya-audio"), "units");
        return new UnitCache(local, new StoreUnitTier(store));
    }
}
