using Microsoft.Extensions.Options;
using Npgsql;
using RoyaAudio.Server.Articles;
using RoyaAudio.Server.Database;
using RoyaAudio.Server.Renditions;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Renditions;

/// <summary>
/// <see cref="RenditionStatus.Moves"/> is the truth: a trigger in PostgreSQL records every status change the
/// store's statements make while articles go through their lives, and each must be a move the table allows.
/// </summary>
[Collection(ServiceTests.Name)]
public sealed class RenditionMovesTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
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
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var trigger = new NpgsqlCommand(
            """
            CREATE TABLE seen_moves (from_status TEXT NOT NULL, to_status TEXT NOT NULL);
            CREATE FUNCTION record_move() RETURNS trigger AS $$
            BEGIN
              IF OLD.status IS DISTINCT FROM NEW.status OR (OLD.status = 'rendering' AND NEW.status = 'rendering' AND NEW.lease_owner IS NOT NULL AND OLD.lease_owner IS DISTINCT FROM NEW.lease_owner) THEN
                INSERT INTO seen_moves VALUES (OLD.status, NEW.status);
              END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql;
            CREATE TRIGGER record_move AFTER UPDATE ON renditions FOR EACH ROW EXECUTE FUNCTION record_move();
            """,
            connection);
        await trigger.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Every_status_change_the_store_makes_is_a_move_the_state_machine_allows()
    {
        // Rendered, then replaced by a version that needed a retry.
        var first = await AcceptAsync("life-story", "v1");
        await ClaimAsync(first, "worker-a");
        await CompleteAsync(first, "worker-a", 'a');
        var second = await AcceptAsync("life-story", "v2");
        await ClaimAsync(second, "worker-a");
        Assert.True(await _renditions.MarkRetryingAsync(second.Id, "worker-a", "TTS outage", CancellationToken.None));
        await ClaimAsync(second, "worker-b");
        await CompleteAsync(second, "worker-b", 'b');

        // A queued version replaced before anyone took it; the next one taken over after its lease ran out, then failed.
        await AcceptAsync("life-story", "v3");
        var fourth = await AcceptAsync("life-story", "v4");
        Assert.Equal(ClaimResult.Claimed, (await _renditions.ClaimAsync(fourth.Id, "worker-dead", TimeSpan.FromMilliseconds(50), CancellationToken.None)).Result);
        await Task.Delay(200);
        await ClaimAsync(fourth, "worker-c");
        Assert.True(await _renditions.MarkFailedAsync(fourth.Id, "worker-c", "unknown voice", CancellationToken.None));

        // A render superseded while rendering, and unpublishing with audio live and superseded audio in its grace period.
        var fifth = await AcceptAsync("life-story", "v5");
        await ClaimAsync(fifth, "worker-d");
        await AcceptAsync("life-story", "v6");
        Assert.Equal(Unpublished.Done, await _articles.UnpublishAsync("life-story", signedAt: null, CancellationToken.None));

        var seen = (await _database.RowsAsync("SELECT DISTINCT from_status, to_status FROM seen_moves ORDER BY 1, 2"))
            .Select(r => ((string)r[0]!, (string)r[1]!)).ToList();
        Assert.All(seen, move => Assert.True(RenditionStatus.CanMove(move.Item1, move.Item2), $"{move.Item1} → {move.Item2} is not in RenditionStatus.Moves"));
        // The lives above make most moves of the table: the check is not passing on an empty list.
        string[] expected =
        [
            "queued → rendering", "queued → superseded", "queued → withdrawn", "ready → superseded", "ready → withdrawn",
            "rendering → failed", "rendering → ready", "rendering → rendering", "rendering → retrying", "rendering → superseded",
            "retrying → rendering", "superseded → withdrawn",
        ];
        Assert.Equal(expected, seen.Select(m => $"{m.Item1} → {m.Item2}").Order(StringComparer.Ordinal));
    }

    private async Task<RenditionRow> AcceptAsync(string id, string hash) =>
        (await _articles.AcceptAsync(
            new ArticleRow { Id = id, Language = "en", Title = "t", Source = "{}", ScriptHash = hash, Characters = 10, Published = 1 },
            "espeak", CancellationToken.None)).Queued!;

    private async Task ClaimAsync(RenditionRow rendition, string worker) =>
        Assert.Equal(ClaimResult.Claimed, (await _renditions.ClaimAsync(rendition.Id, worker, Lease, CancellationToken.None)).Result);

    private async Task CompleteAsync(RenditionRow rendition, string worker, char fill) =>
        Assert.Equal(RenditionStatus.Ready, await _renditions.CompleteAsync(
            rendition.Id, worker,
            new StoredRendition(rendition.ScriptHash, $"audio/life-story/{new string(fill, 64)}.mp3", $"audio/life-story/{new string(fill, 64)}.vtt", 1000, 2000, 10, 0, "{}", "{}"),
            CancellationToken.None));
}
