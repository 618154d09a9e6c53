using System.Security.Cryptography;
using RoyaAudio.Server.Storage;

namespace RoyaAudio.Server.Tests.Storage;

/// <summary>What every audio store must do, whatever is behind it; each store's test class inherits these.</summary>
public abstract class AudioStoreBehaviour : IDisposable
{
    protected AudioStoreBehaviour() => Scratch = Directory.CreateTempSubdirectory("roya-store-").FullName;

    protected string Scratch { get; }

    protected abstract IAudioStore Store { get; }

    [Fact]
    public async Task A_stored_file_downloads_byte_identical()
    {
        var key = NewAudioKey("mp3");
        var bytes = RandomBytes(300_000);

        await Store.PutFileAsync(key, LocalFile(bytes), CancellationToken.None);

        var downloaded = Path.Combine(Scratch, "downloaded", "copy.mp3");
        Assert.True(await Store.TryDownloadAsync(key, downloaded, CancellationToken.None));
        Assert.Equal(bytes, await File.ReadAllBytesAsync(downloaded));
        AssertNoTemporaryFiles(Path.GetDirectoryName(downloaded)!);
    }

    [Fact]
    public async Task Storing_a_key_again_keeps_the_first_bytes()
    {
        var key = NewAudioKey("vtt");
        var first = RandomBytes(1000);

        await Store.PutFileAsync(key, LocalFile(first), CancellationToken.None);
        await Store.PutFileAsync(key, LocalFile(RandomBytes(2000)), CancellationToken.None);

        Assert.Equal(first, await DownloadAsync(key));
    }

    [Fact]
    public async Task Racing_writers_of_one_key_all_succeed_and_leave_one_whole_file()
    {
        var key = NewAudioKey("mp3");
        var bytes = RandomBytes(200_000);
        var sources = Enumerable.Range(0, 6).Select(_ => LocalFile(bytes)).ToList();

        await Task.WhenAll(sources.Select(source => Task.Run(() => Store.PutFileAsync(key, source, CancellationToken.None))));

        Assert.Equal(bytes, await DownloadAsync(key));
    }

    [Fact]
    public async Task Listing_gives_rendition_files_written_before_the_given_age_and_never_units()
    {
        var audio = NewAudioKey("mp3");
        var unit = StorageKey.ForUnit(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        await Store.PutFileAsync(audio, LocalFile(RandomBytes(100)), CancellationToken.None);
        await Store.PutFileAsync(unit, LocalFile(RandomBytes(100)), CancellationToken.None);

        // "Older than minus a minute": everything written up to now, whatever the clock's grain.
        var everything = await ListAsync(TimeSpan.FromMinutes(-1));
        var hourOld = await ListAsync(TimeSpan.FromHours(1));

        Assert.Contains(audio, everything);
        Assert.DoesNotContain(unit, everything);
        Assert.All(everything, key => Assert.NotNull(key.ArticleId));
        Assert.DoesNotContain(audio, hourOld);
    }

    private async Task<List<StorageKey>> ListAsync(TimeSpan olderThan)
    {
        var keys = new List<StorageKey>();
        await foreach (var key in Store.ListAudioAsync(olderThan, CancellationToken.None))
        {
            keys.Add(key);
        }

        return keys;
    }

    [Fact]
    public async Task A_missing_key_is_absent_and_downloads_nothing()
    {
        var key = NewAudioKey("mp3");
        var target = Path.Combine(Scratch, "missing", "copy.mp3");

        Assert.False(await Store.TryDownloadAsync(key, target, CancellationToken.None));

        Assert.False(File.Exists(target));
        AssertNoTemporaryFiles(Path.GetDirectoryName(target)!);
    }

    [Fact]
    public async Task A_download_replaces_an_existing_local_file_whole()
    {
        var key = NewAudioKey("vtt");
        var bytes = RandomBytes(5000);
        await Store.PutFileAsync(key, LocalFile(bytes), CancellationToken.None);
        var target = LocalFile(RandomBytes(90_000));

        Assert.True(await Store.TryDownloadAsync(key, target, CancellationToken.None));

        Assert.Equal(bytes, await File.ReadAllBytesAsync(target));
    }

    [Fact]
    public async Task Deleting_removes_the_file_and_deleting_again_or_a_key_never_stored_is_fine()
    {
        var key = NewAudioKey("mp3");
        await Store.PutFileAsync(key, LocalFile(RandomBytes(100)), CancellationToken.None);

        await Store.DeleteAsync(key, CancellationToken.None);
        Assert.False(await Store.TryDownloadAsync(key, Path.Combine(Scratch, "gone.mp3"), CancellationToken.None));

        await Store.DeleteAsync(key, CancellationToken.None);
        await Store.DeleteAsync(NewAudioKey("vtt"), CancellationToken.None);
        await Store.DeleteAsync(StorageKey.ForUnit(NewHash()), CancellationToken.None);
    }

    [Fact]
    public async Task A_unit_published_by_one_worker_is_fetched_by_another()
    {
        var tier = new StoreUnitTier(Store);
        var unit = NewHash();
        var wav = RandomBytes(48_000);

        Assert.False(await tier.TryFetchAsync(unit, Path.Combine(Scratch, "before.wav"), CancellationToken.None));
        await tier.PublishAsync(unit, LocalFile(wav), CancellationToken.None);

        var fetched = Path.Combine(Scratch, "other-worker", unit[..2], unit + ".wav");
        Assert.True(await tier.TryFetchAsync(unit, fetched, CancellationToken.None));
        Assert.Equal(wav, await File.ReadAllBytesAsync(fetched));
        Assert.True(await Store.TryDownloadAsync(StorageKey.Parse($"units/{unit[..2]}/{unit}.wav"), Path.Combine(Scratch, "unit-copy.wav"), CancellationToken.None));
    }

    [Fact]
    public async Task The_unit_tier_refuses_a_key_that_is_not_a_unit_hash()
    {
        var tier = new StoreUnitTier(Store);

        await Assert.ThrowsAsync<ArgumentException>(() => tier.TryFetchAsync("../../etc/passwd", Path.Combine(Scratch, "x.wav"), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => tier.PublishAsync(NewHash().ToUpperInvariant(), LocalFile([1]), CancellationToken.None));
    }

    [Fact]
    public async Task The_readiness_check_passes()
    {
        await Store.CheckReadableAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        Directory.Delete(Scratch, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected static string NewHash() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    protected static StorageKey NewAudioKey(string extension) => StorageKey.ForAudio("article-42", NewHash(), extension);

    protected static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    protected string LocalFile(byte[] bytes)
    {
        var path = Path.Combine(Scratch, $"local-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    protected async Task<byte[]> DownloadAsync(StorageKey key)
    {
        var path = Path.Combine(Scratch, $"download-{Guid.NewGuid():N}");
        Assert.True(await Store.TryDownloadAsync(key, path, CancellationToken.None));
        return await File.ReadAllBytesAsync(path);
    }

    protected static void AssertNoTemporaryFiles(string directory)
    {
        if (Directory.Exists(directory))
        {
            Assert.Empty(Directory.GetFiles(directory, "*.tmp", SearchOption.AllDirectories));
        }
    }
}
