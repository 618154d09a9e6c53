namespace RoyaAudio.Server.Storage;

/// <summary>
/// Where renditions and synthesised units live: local disk or Azure Blob Storage. Keys are
/// content-addressed (<see cref="StorageKey"/>), so an object never changes once written and a URL
/// handed to a listener stays valid until the object is collected.
/// </summary>
public interface IAudioStore
{
    /// <summary>"disk" or "blob", for health reports and logs.</summary>
    string Name { get; }

    /// <summary>
    /// Stores a complete local file under the key. The object becomes visible only when whole; writing a
    /// key that already exists is a no-op (same key, same bytes).
    /// </summary>
    Task PutFileAsync(StorageKey key, string localPath, CancellationToken cancellationToken);

    /// <summary>Copies the object to a local file (written under a temporary name, then renamed); false when absent.</summary>
    Task<bool> TryDownloadAsync(StorageKey key, string localPath, CancellationToken cancellationToken);

    /// <summary>Removes the object; absent is fine.</summary>
    Task DeleteAsync(StorageKey key, CancellationToken cancellationToken);

    /// <summary>The listener-facing URL, or null when the service itself serves the object from <c>/media/</c>.</summary>
    Uri? PublicUrl(StorageKey key);

    /// <summary>
    /// The folder on this machine the objects live in (keys are paths under it), or null for a remote store.
    /// With a local folder the service serves <c>/media/</c> itself and the unit cache works in its <c>units/</c>.
    /// </summary>
    string? LocalRoot { get; }

    /// <summary>Why listeners could not fetch the store's public URLs (checked once at start), or null when they can.</summary>
    Task<string?> ListenerAccessProblemAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Throws with a reason when the store cannot be read (readiness). Writes nothing: probes come often,
    /// and a store that refuses writes shows on the renditions that could not be stored.
    /// </summary>
    Task CheckReadableAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes what writers killed mid-write left behind (temporary files older than <paramref name="olderThan"/>);
    /// returns how many went. Never visible to listeners, but they take space.
    /// </summary>
    Task<int> RemoveAbandonedAsync(TimeSpan olderThan, CancellationToken cancellationToken);

    /// <summary>
    /// Rendition files (<c>audio/…</c>) last written more than <paramref name="olderThan"/> ago, for the
    /// orphan sweep; units are not listed (the cache owns them).
    /// </summary>
    IAsyncEnumerable<StorageKey> ListAudioAsync(TimeSpan olderThan, CancellationToken cancellationToken);
}
