using Microsoft.Extensions.Options;
using RoyaAudio.Server.Articles;
using RoyaAudio.Server.Database;
using RoyaAudio.Server.Renditions;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Renditions;

/// <summary>The rendition rules that keep listeners on the newest audio, straight against PostgreSQL.</summary>
[Collection(ServiceTests.Name)]
public sealed class RenditionOrderTests : IAsyncLifetime
{
    private readonly TestPostgres _database = new();
    private AppDatabase _app = null!;
    private RenditionStore _renditions = null!;
    private ArticleStore _articles = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _app = new AppDatabase(Options.Create(new DatabaseOptions { PostgresConnectionString = _database.ConnectionString }));
        await _app.MigrateAsync(CancellationToken.None);
        _renditions = new RenditionStore(_app, TimeProvider.System);
        _articles = new ArticleStore(_app, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _database.DisposeAsync();
    }

    private static ArticleRow Version(string hash) => new()
    {
        Id = "ordered-story", Language = "en", Title = "t", Source = "{}", ScriptHash = hash, Characters = 10, Published = 1,
    };

    private static StoredRendition Files(string hash, char fill) =>
        new(hash, $"audio/ordered-story/{new string(fill, 64)}.mp3", $"audio/ordered-story/{new string(fill, 64)}.vtt", 1000, 2000, 10, 0, "{}", "{}");

    [Fact]
    public async Task A_newer_version_supersedes_the_queued_one_and_an_older_render_finishing_late_never_replaces_the_newer_audio()
    {
        var first = (await _articles.AcceptAsync(Version("hash-1"), "espeak", CancellationToken.None)).Queued!;
        var lease = TimeSpan.FromMinutes(1);
        Assert.Equal(ClaimResult.Claimed, (await _renditions.ClaimAsync(first.Id, "worker-old", lease, CancellationToken.None)).Result);

        var second = (await _articles.AcceptAsync(Version("hash-2"), "espeak", CancellationToken.None)).Queued!;
        Assert.Equal(RenditionStatus.Superseded, (await _renditions.GetAsync(first.Id, CancellationToken.None))!.Status);

        // One render per article: the old one still holds its lease, so the new one waits.
        Assert.Equal(ClaimResult.ArticleBusy, (await _renditions.ClaimAsync(second.Id, "worker-new", lease, CancellationToken.None)).Result);
        Assert.False(await _renditions.RenewAsync(first.Id, "worker-old", lease, CancellationToken.None));
        await _renditions.ReleaseAsync(first.Id, "worker-old", CancellationToken.None);
        Assert.Equal(ClaimResult.Claimed, (await _renditions.ClaimAsync(second.Id, "worker-new", lease, CancellationToken.None)).Result);
        Assert.Equal(RenditionStatus.Ready, await _renditions.CompleteAsync(second.Id, "worker-new", Files("hash-2", 'b'), CancellationToken.None));

        // The old render finishes after all: its files are kept for collection, never shown.
        Assert.Equal(RenditionStatus.Superseded, await _renditions.CompleteAsync(first.Id, "worker-old", Files("hash-1", 'a'), CancellationToken.None));
        var article = await _articles.GetAsync("ordered-story", CancellationToken.None);
        Assert.Equal(second.Id, article!.CurrentRenditionId);
        Assert.Equal(1, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM renditions WHERE status='ready'"));
    }

    [Fact]
    public async Task A_rendition_is_claimed_by_one_worker_only_and_a_dead_workers_lease_runs_out()
    {
        var queued = (await _articles.AcceptAsync(Version("hash-1"), "espeak", CancellationToken.None)).Queued!;
        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            _renditions.ClaimAsync(queued.Id, $"worker-{i}", TimeSpan.FromMilliseconds(300), CancellationToken.None)));
        Assert.Single(claims, c => c.Result == ClaimResult.Claimed);
        Assert.All(claims.Where(c => c.Result != ClaimResult.Claimed), c => Assert.Equal(ClaimResult.HeldElsewhere, c.Result));

        await Task.Delay(400); // the holder died: nobody renewed
        var rescue = await _renditions.ClaimAsync(queued.Id, "rescuer", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(ClaimResult.Claimed, rescue.Result);
        Assert.Equal(2, rescue.Rendition!.Attempts);
    }
}
