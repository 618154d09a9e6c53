using RoyaAudio.Server.Storage;

namespace RoyaAudio.Server.Tests.Storage;

public sealed class DiskAudioStoreTests : AudioStoreBehaviour
{
    private readonly DiskAudioStore _store;

    public DiskAudioStoreTests() => _store = new DiskAudioStore(Path.Combine(Scratch, "media"));

    protected override IAudioStore Store => _store;

    [Theory]
    [InlineData("a")]
    [InlineData("a..")]
    [InlineData("a.-_b")]
    [InlineData("1234567890")]
    public void Every_key_names_a_file_inside_the_media_folder(string articleId)
    {
        var hash = NewHash();
        foreach (var key in new[] { StorageKey.ForAudio(articleId, hash, "mp3"), StorageKey.ForAudio(articleId, hash, "vtt"), StorageKey.ForUnit(hash) })
        {
            var path = _store.PathFor(key);

            Assert.StartsWith(_store.Root + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
            Assert.Equal(Path.GetFullPath(path), path);
            Assert.EndsWith(key.Value.Replace('/', Path.DirectorySeparatorChar), path, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Stored_files_are_where_the_service_serves_them_from_and_nothing_else_is_left()
    {
        var key = NewAudioKey("mp3");
        var bytes = RandomBytes(10_000);

        await _store.PutFileAsync(key, LocalFile(bytes), CancellationToken.None);

        Assert.Equal(bytes, await File.ReadAllBytesAsync(_store.PathFor(key)));
        Assert.Equal([_store.PathFor(key)], Directory.GetFiles(_store.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void The_service_serves_disk_files_itself()
    {
        Assert.Null(_store.PublicUrl(NewAudioKey("mp3")));
        Assert.Equal("disk", _store.Name);
    }

    [Fact]
    public async Task The_health_check_leaves_no_probe_behind()
    {
        await _store.CheckAsync(CancellationToken.None);

        Assert.Empty(Directory.GetFileSystemEntries(_store.Root));
    }

    [Fact]
    public async Task The_health_check_names_the_folder_it_cannot_write()
    {
        var notAFolder = LocalFile([1, 2, 3]);
        var store = new DiskAudioStore(notAFolder);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CheckAsync(CancellationToken.None));

        Assert.Contains(notAFolder, error.Message, StringComparison.Ordinal);
    }
}
