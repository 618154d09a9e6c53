namespace RoyaAudio.Server.Storage;

/// <summary>
/// The media folder on local disk. Files are written under a temporary name beside the target and renamed,
/// so the service never serves half a file; the service itself serves them under <c>/media/{key}</c>.
/// </summary>
public sealed class DiskAudioStore : IAudioStore
{
    private const int BufferSize = 81920;

    public DiskAudioStore(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string Name => StorageOptions.DiskProvider;

    public string? LocalRoot => Root;

    public string PathFor(StorageKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.PathUnder(Root);
    }

    /// <summary>The service serves the folder itself: whoever reaches the service reaches the audio.</summary>
    public Task<string?> ListenerAccessProblemAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public async Task PutFileAsync(StorageKey key, string localPath, CancellationToken cancellationToken)
    {
        var target = PathFor(key);
        if (File.Exists(target))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = TemporaryBeside(target);
        try
        {
            // Flushed to the device before the rename: a crash must not leave an empty file under a name
            // that is never written again.
            await CopyAsync(localPath, temporary, flushToDisk: true, cancellationToken);
            try
            {
                // No overwrite: a listener may be reading the file a racing writer already put there.
                File.Move(temporary, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // Another writer won with the same bytes.
            }
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Temporary files (ours, and the unit cache's beside them) left by a process killed mid-write.</summary>
    public Task<int> RemoveAbandonedAsync(TimeSpan olderThan, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Root))
        {
            return Task.FromResult(0);
        }

        var before = DateTime.UtcNow - olderThan;
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(Root, "*.tmp", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (File.GetLastWriteTimeUtc(file) < before)
                {
                    File.Delete(file);
                    removed++;
                }
            }
            catch (IOException)
            {
                // Gone meanwhile, or still held: the next sweep sees it again.
            }
        }

        return Task.FromResult(removed);
    }

    public async IAsyncEnumerable<StorageKey> ListAudioAsync(TimeSpan olderThan, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var audio = Path.Combine(Root, "audio");
        if (!Directory.Exists(audio))
        {
            yield break;
        }

        var before = DateTime.UtcNow - olderThan;
        foreach (var file in Directory.EnumerateFiles(audio, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Temporary files and anything else a key cannot name are not rendition files.
            if (StorageKey.TryParse(Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/'), out var key)
                && File.GetLastWriteTimeUtc(file) < before)
            {
                yield return key;
            }
        }

        await Task.CompletedTask;
    }

    public async Task<bool> TryDownloadAsync(StorageKey key, string localPath, CancellationToken cancellationToken)
    {
        var source = PathFor(key);
        if (!File.Exists(source))
        {
            return false;
        }

        var destination = Path.GetFullPath(localPath);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temporary = TemporaryBeside(destination);
        try
        {
            await CopyAsync(source, temporary, flushToDisk: false, cancellationToken);
            File.Move(temporary, destination, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Collected between the check and the copy.
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task DeleteAsync(StorageKey key, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(PathFor(key));
        }
        catch (DirectoryNotFoundException)
        {
            // Never written: nothing to delete.
        }

        return Task.CompletedTask;
    }

    public Uri? PublicUrl(StorageKey key) => null;

    /// <summary>Lists the media folder (or, before the first write has made it, the folder it will be made in).</summary>
    public Task CheckReadableAsync(CancellationToken cancellationToken)
    {
        var folder = Root;
        try
        {
            while (!Directory.Exists(folder))
            {
                if (File.Exists(folder))
                {
                    throw new IOException($"{folder} is a file, not a folder");
                }

                folder = Path.GetDirectoryName(folder) ?? throw new DirectoryNotFoundException("no part of the path exists");
            }

            using var entries = Directory.EnumerateFileSystemEntries(folder).GetEnumerator();
            entries.MoveNext();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"media folder {Root} cannot be read: {e.Message}", e);
        }

        return Task.CompletedTask;
    }

    private static string TemporaryBeside(string path) => $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";

    private static async Task CopyAsync(string from, string to, bool flushToDisk, CancellationToken cancellationToken)
    {
        await using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, useAsync: true);
        await using var destination = new FileStream(to, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        await source.CopyToAsync(destination, cancellationToken);
        if (flushToDisk)
        {
            destination.Flush(flushToDisk: true);
        }
    }
}
