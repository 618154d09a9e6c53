using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RoyaAudio.Server.Media;
using RoyaAudio.Server.Storage;
using RoyaAudio.Server.Tests.Support;

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
    public async Task Temporary_files_a_killed_writer_left_are_removed_once_old_and_nothing_else_is()
    {
        var key = NewAudioKey("mp3");
        await _store.PutFileAsync(key, LocalFile(RandomBytes(1_000)), CancellationToken.None);
        var folder = Path.GetDirectoryName(_store.PathFor(key))!;
        var abandoned = Path.Combine(folder, "abandoned.mp3.123.tmp");
        var writing = Path.Combine(folder, "writing.mp3.456.tmp");
        await File.WriteAllBytesAsync(abandoned, RandomBytes(10));
        await File.WriteAllBytesAsync(writing, RandomBytes(10));
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddHours(-2));
        File.SetLastWriteTimeUtc(_store.PathFor(key), DateTime.UtcNow.AddHours(-2));

        Assert.Equal(1, await _store.RemoveAbandonedAsync(TimeSpan.FromHours(1), CancellationToken.None));
        Assert.False(File.Exists(abandoned));
        Assert.True(File.Exists(writing));
        Assert.True(File.Exists(_store.PathFor(key)));
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
    public async Task The_service_serves_disk_files_itself_at_the_URL_it_gives_listeners()
    {
        using var service = new TestService(postgres: null);
        using var http = service.CreateClient();
        var store = service.Services.GetRequiredService<IAudioStore>();
        var key = NewAudioKey("mp3");
        var bytes = RandomBytes(5_000);
        await store.PutFileAsync(key, LocalFile(bytes), CancellationToken.None);

        var request = new DefaultHttpContext { Request = { Scheme = "https", Host = new HostString("audio.example.org") } }.Request;
        var url = new Uri(service.Services.GetRequiredService<MediaUrls>().For(key, request));
        Assert.Equal("https://audio.example.org", url.GetLeftPart(UriPartial.Authority));

        using var served = await http.GetAsync(url.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("audio/mpeg", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_readiness_check_writes_nothing_and_passes_before_the_first_write()
    {
        var fresh = new DiskAudioStore(Path.Combine(_store.Root, "not-yet", "media"));

        await _store.CheckReadableAsync(CancellationToken.None);
        await fresh.CheckReadableAsync(CancellationToken.None);

        Assert.False(Directory.Exists(_store.Root) && Directory.EnumerateFileSystemEntries(_store.Root).Any());
        Assert.False(Directory.Exists(fresh.Root));
    }

    [Fact]
    public async Task The_readiness_check_names_the_folder_it_cannot_read()
    {
        var notAFolder = LocalFile([1, 2, 3]);
        var store = new DiskAudioStore(notAFolder);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CheckReadableAsync(CancellationToken.None));

        Assert.Contains(notAFolder, error.Message, StringComparison.Ordinal);
    }
}
