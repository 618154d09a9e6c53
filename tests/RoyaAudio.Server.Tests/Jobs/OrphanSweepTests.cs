using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RoyaAudio.Server.Jobs;
using RoyaAudio.Server.Tests.Support;
using RoyaAudio.Tests;

namespace RoyaAudio.Server.Tests.Jobs;

/// <summary>
/// Files a render stored under names no rendition ended up with (a kill or a lost lease, with a voice that
/// never says a sentence the same way twice) go with the daily sweep; everything a rendition names stays.
/// </summary>
[Collection(ServiceTests.Name)]
public sealed class OrphanSweepTests : IAsyncLifetime
{
    private readonly TestPostgres _database = new();
    private TestService _service = null!;
    private HttpClient _http = null!;
    private Cms _cms = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString);
        _http = _service.CreateClient();
        _cms = new Cms(_http);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_day_old_file_no_rendition_names_is_swept_and_named_or_fresh_files_stay()
    {
        (await _cms.PublishAsync(Cms.Article("swept-story", "A story with a file nobody names"))).EnsureSuccessStatusCode();
        var ready = await _cms.WaitForAsync("swept-story", "ready", TimeSpan.FromSeconds(90));
        var folder = Path.Combine(_service.MediaDirectory, "audio", "swept-story");
        var named = Directory.GetFiles(folder);
        Assert.Equal(2, named.Length);

        // What a killed render of another take left: same folder, other content hashes.
        var orphanMp3 = Plant(folder, 'a', "mp3", age: TimeSpan.FromDays(2));
        var orphanVtt = Plant(folder, 'b', "vtt", age: TimeSpan.FromHours(25));
        var fresh = Plant(folder, 'c', "mp3", age: TimeSpan.FromMinutes(5));
        var stray = Plant(Path.Combine(_service.MediaDirectory, "audio", "never-published"), 'd', "mp3", age: TimeSpan.FromDays(3));
        foreach (var file in named)
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-30));
        }

        int removed;
        using (var scope = _service.Services.CreateScope())
        {
            removed = await scope.ServiceProvider.GetRequiredService<OrphanSweepJob>().RunAsync(CancellationToken.None);
        }

        Assert.Equal(3, removed);
        Assert.False(File.Exists(orphanMp3));
        Assert.False(File.Exists(orphanVtt));
        Assert.False(File.Exists(stray));
        Assert.True(File.Exists(fresh), "a file stored minutes ago may belong to a render about to name it");
        Assert.All(named, file => Assert.True(File.Exists(file), $"{file} is named by the ready rendition"));
        var audio = ready.GetProperty("audio");
        using var mp3 = await _http.GetAsync(new Uri(audio.GetProperty("url").GetString()!).PathAndQuery);
        Assert.True(mp3.IsSuccessStatusCode);
        Assert.Equal(JsonValueKind.Object, (await _cms.WaitForAsync("swept-story", "ready", TimeSpan.FromSeconds(5))).GetProperty("audio").ValueKind);
    }

    [Fact]
    public async Task Files_of_an_article_being_rendered_stay_however_old()
    {
        (await _cms.PublishAsync(Cms.Article("busy-story", "A story rendered while the sweep runs"))).EnsureSuccessStatusCode();
        await _cms.WaitForAsync("busy-story", "ready", TimeSpan.FromSeconds(90));
        var folder = Path.Combine(_service.MediaDirectory, "audio", "busy-story");
        // A render in flight may have found this file already stored and be about to name it.
        var pending = Plant(folder, 'e', "mp3", age: TimeSpan.FromDays(2));
        await _database.ScalarAsync<long>("UPDATE renditions SET status='rendering', lease_owner='elsewhere', lease_until=9999999999999 WHERE article_id='busy-story' RETURNING id");

        using (var scope = _service.Services.CreateScope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<OrphanSweepJob>().RunAsync(CancellationToken.None));
        }

        Assert.True(File.Exists(pending));
    }

    [Fact]
    public async Task The_embedded_database_sweeps_the_same_way()
    {
        await using var embedded = new TestService(postgres: null);
        using var http = embedded.CreateClient();
        var cms = new Cms(http);
        (await cms.PublishAsync(Cms.Article("embedded-story", "A story on the embedded database"))).EnsureSuccessStatusCode();
        await cms.WaitForAsync("embedded-story", "ready", TimeSpan.FromSeconds(90));
        var folder = Path.Combine(embedded.MediaDirectory, "audio", "embedded-story");
        var named = Directory.GetFiles(folder);
        foreach (var file in named)
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-30));
        }

        var orphan = Plant(folder, 'f', "mp3", age: TimeSpan.FromDays(2));
        using (var scope = embedded.Services.CreateScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<OrphanSweepJob>().RunAsync(CancellationToken.None));
        }

        Assert.False(File.Exists(orphan));
        Assert.All(named, file => Assert.True(File.Exists(file)));
    }

    private static string Plant(string folder, char hash, string extension, TimeSpan age)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, new string(hash, 64) + "." + extension);
        File.WriteAllBytes(path, [1, 2, 3]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }
}
