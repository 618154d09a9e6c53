using System.Net;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Security;

/// <summary>A takedown wins every race: audio stored a moment before or after the unpublish never stays reachable.</summary>
[Collection(ServiceTests.Name)]
public sealed class TakedownRaceTests : IAsyncLifetime
{
    private readonly TestPostgres _database = new();
    private readonly string _hold = Path.Combine(Path.GetTempPath(), $"roya-hold-{Guid.NewGuid():N}");
    private TestService _service = null!;
    private HttpClient _http = null!;
    private Cms _cms = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Jobs:TestHoldBeforeReadyFile"] = _hold,
            ["Storage:CollectAfterMinutes"] = "1440",
        });
        _http = _service.CreateClient();
        _cms = new Cms(_http);
    }

    public async Task DisposeAsync()
    {
        File.Delete(_hold);
        File.Delete(_hold + ".held");
        _http.Dispose();
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    private string[] StoredAudio() =>
        Directory.Exists(Path.Combine(_service.MediaDirectory, "audio"))
            ? Directory.GetFiles(Path.Combine(_service.MediaDirectory, "audio"), "*.*", SearchOption.AllDirectories)
            : [];

    private async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task An_unpublish_while_the_worker_holds_stored_files_leaves_nothing_reachable()
    {
        await File.WriteAllTextAsync(_hold, "");
        (await _cms.PublishAsync(Cms.Article("raced-story", "A story taken down mid-render", paragraphs: 1))).EnsureSuccessStatusCode();
        await WaitForAsync(() => File.Exists(_hold + ".held"), "the worker has stored the files and holds");
        var stored = StoredAudio();
        Assert.Equal(2, stored.Length); // the MP3 and its captions, not yet ready

        using (var withdrawn = await _cms.UnpublishAsync("raced-story"))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        File.Delete(_hold);
        await WaitForAsync(() => StoredAudio().Length == 0, "the finishing worker removed what it stored");

        Assert.Equal("withdrawn", await _database.ScalarAsync<string>("SELECT status FROM renditions WHERE article_id='raced-story'"));
        Assert.Equal(1, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM renditions WHERE article_id='raced-story' AND collected_at IS NOT NULL"));
        Assert.Null(await _database.ScalarAsync<long?>("SELECT current_rendition_id FROM articles WHERE id='raced-story'"));
        foreach (var file in stored)
        {
            var key = Path.GetRelativePath(_service.MediaDirectory, file).Replace('\\', '/');
            using var media = await _http.GetAsync($"/media/{key}");
            Assert.Equal(HttpStatusCode.NotFound, media.StatusCode);
        }
    }

    [Fact]
    public async Task An_unpublish_takes_a_superseded_version_in_its_grace_period_with_it()
    {
        (await _cms.PublishAsync(Cms.Article("two-version-story", "The first version", paragraphs: 1))).EnsureSuccessStatusCode();
        await _cms.WaitForAsync("two-version-story", "ready", TimeSpan.FromSeconds(60));
        var edited = Cms.Article("two-version-story", "The second version", paragraphs: 2);
        (await _cms.PublishAsync(edited)).EnsureSuccessStatusCode();
        await WaitForAsync(() => StoredAudio().Length == 4, "both versions are stored (the first in its grace period)");
        await _cms.WaitForAsync("two-version-story", "ready", TimeSpan.FromSeconds(60), a => a.GetProperty("title").GetString() == "The second version");

        using (var withdrawn = await _cms.UnpublishAsync("two-version-story"))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        }

        Assert.Empty(StoredAudio());
        Assert.Equal(0, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM renditions WHERE article_id='two-version-story' AND collected_at IS NULL AND mp3_key IS NOT NULL"));
    }
}
