using NAudio.Wave;

namespace RoyaAudio.Synthesis;

/// <summary>
/// Synthesised units on disk, one WAV per cache key. Written to a temporary name and renamed, so a
/// reader never sees half a clip and two workers racing on the same unit both end with a whole one.
/// </summary>
public sealed class UnitCache
{
    private readonly IUnitCacheTier? _shared;

    public UnitCache(string directory, IUnitCacheTier? shared = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
        _shared = shared;
    }

    public string Directory { get; }

    /// <summary>The per-user default, so repeated renders on one machine share their clips.</summary>
    public static string DefaultDirectory()
    {
        var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }

        return Path.Combine(root, "roya-audio", "units");
    }

    public string PathFor(string key) => Path.Combine(Directory, RelativePath(key));

    /// <summary>
    /// Where a unit lives below a cache folder: <c>{first two hex digits}/{key}.wav</c>. The service's shared
    /// cache names its store objects the same way, so on disk the store's folder is the cache itself.
    /// </summary>
    public static string RelativePath(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        // Keys are our own hex hashes; checking keeps a foreign key from naming a path outside the cache.
        if (key.Length < 8 || !key.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"not a cache key: {key}", nameof(key));
        }

        return $"{key[..2]}/{key}.wav";
    }

    public bool Contains(string key) => File.Exists(PathFor(key));

    /// <summary>Brings a unit from the shared tier into this cache; false when no one has it yet.</summary>
    public async Task<bool> TryFetchSharedAsync(string key, CancellationToken cancellationToken)
    {
        if (_shared is null)
        {
            return false;
        }

        var path = PathFor(key);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return await _shared.TryFetchAsync(key, path, cancellationToken);
    }

    /// <summary>
    /// Keeps, beside a unit, which of its sentences (by position in the unit) failed verification when it was
    /// bought and what was heard, so every later render that reuses the unit flags them too instead of trusting it.
    /// Null (a unit that passed) removes any earlier flags.
    /// </summary>
    public async Task StoreFlagsAsync(string key, UnitFlags? flags, CancellationToken cancellationToken)
    {
        var path = FlagsPath(key);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (flags is null || flags.Parts.Count == 0)
        {
            File.Delete(path);
            return;
        }

        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllTextAsync(temporary, System.Text.Json.JsonSerializer.Serialize(flags, CacheJson.Default.UnitFlags), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The unit's flags from when it was bought; null when it passed or was never checked.</summary>
    public UnitFlags? FlagsOf(string key)
    {
        var path = FlagsPath(key);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return System.Text.Json.JsonSerializer.Deserialize(File.ReadAllText(path), CacheJson.Default.UnitFlags);
        }
        catch (IOException)
        {
            return null; // removed between the look and the read: a later reading passed
        }
        catch (System.Text.Json.JsonException)
        {
            // Unreadable flags still mean the unit was doubted: every sentence of it is flagged.
            return new UnitFlags([.. Enumerable.Range(0, 64)], null, "its verification record could not be read");
        }
    }

    private string FlagsPath(string key) => Path.ChangeExtension(PathFor(key), ".flags");

    /// <param name="share">Publish to the shared tier too; a doubted unit is kept to this machine.</param>
    public async Task StoreAsync(string key, SpeechAudio audio, CancellationToken cancellationToken, bool share = true)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var path = PathFor(key);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await using var writer = new WaveFileWriter(file, new WaveFormat(audio.SampleRate, 16, 1));
                await writer.WriteAsync(audio.Pcm16, cancellationToken);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        if (_shared is not null && share)
        {
            await _shared.PublishAsync(key, path, cancellationToken);
        }
    }
}

/// <summary>What verification left doubtful in a cached unit.</summary>
/// <param name="Parts">Positions, within the unit, of the flagged sentences.</param>
/// <param name="Heard">What the transcription heard, when there was a transcript.</param>
/// <param name="Reason">Why, in words an editor reads.</param>
/// <param name="HeardParts">Per sentence of the unit, what of the transcript was heard in its place.</param>
public sealed record UnitFlags(IReadOnlyList<int> Parts, string? Heard, string Reason, IReadOnlyList<string>? HeardParts = null);
