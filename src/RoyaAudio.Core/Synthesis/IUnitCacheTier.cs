namespace RoyaAudio.Synthesis;

/// <summary>
/// A cache tier shared by every worker (the service's audio store) behind the local <see cref="UnitCache"/>:
/// a unit one worker paid for is fetched, not synthesised again, by the next.
/// </summary>
public interface IUnitCacheTier
{
    /// <summary>Copies the unit's WAV to <paramref name="localPath"/> (whole or not at all); false when the tier lacks it.</summary>
    Task<bool> TryFetchAsync(string key, string localPath, CancellationToken cancellationToken);

    /// <summary>Shares a complete local WAV under its key.</summary>
    Task PublishAsync(string key, string localPath, CancellationToken cancellationToken);
}
