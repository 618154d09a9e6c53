using System.Net;
using Microsoft.Data.Sqlite;
using Npgsql;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Database;

/// <summary>
/// A database laid by the first service release, with its rows, meets today's service: nothing is lost,
/// old and new articles render, and the journal says which scripts brought it up to date.
/// </summary>
[Collection(ServiceTests.Name)]
public sealed class UpgradeTests
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(90);

    private static readonly string[] Scripts =
        ["0001_first_release", "0002_article_engine_and_voice", "0003_listening", "0004_rendition_rendered_by", "0005_tts_budget",
         "0006_backfills", "0007_article_signed_at", "0008_editor_sessions_and_key_ring"];

    private static string FirstRelease(string flavour) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Database", "FirstRelease", flavour + ".sql"));

    [Fact]
    public async Task A_first_release_PostgreSQL_database_keeps_its_rows_and_renders_old_and_new_articles()
    {
        var database = new TestPostgres();
        await database.InitializeAsync();
        try
        {
            await using (var connection = new NpgsqlConnection(database.ConnectionString))
            {
                await connection.OpenAsync();
                await using var seed = new NpgsqlCommand(FirstRelease("postgres"), connection);
                await seed.ExecuteNonQueryAsync();
            }

            using (var service = new TestService(database.ConnectionString))
            {
                await UpgradedServiceWorksAsync(service);
            }

            var journal = await database.RowsAsync("SELECT scriptname FROM schema_versions ORDER BY schemaversionsid");
            Assert.Equal(Scripts, journal.Select(r => (string)r[0]!));
            Assert.Equal(1, await database.ScalarAsync<long>("SELECT COUNT(*) FROM renditions WHERE article_id = 'old-story' AND mp3_key = 'old-story/old-hash.mp3'"));
            Assert.Equal(1, await database.ScalarAsync<long>("SELECT COUNT(*) FROM articles WHERE id = 'old-waiting'"));

            // A second start finds every script in the journal and runs none again.
            using (var again = new TestService(database.ConnectionString))
            {
                using var http = again.CreateClient();
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/articles/old-story/audio")).StatusCode);
            }

            Assert.Equal(Scripts.Length, await database.ScalarAsync<long>("SELECT COUNT(*) FROM schema_versions"));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_first_release_embedded_database_keeps_its_rows_and_renders_old_and_new_articles()
    {
        var folder = Directory.CreateTempSubdirectory("roya-upgrade-").FullName;
        var path = Path.Combine(folder, "roya.db");
        try
        {
            await using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                await connection.OpenAsync();
                await using var seed = connection.CreateCommand();
                seed.CommandText = FirstRelease("sqlite");
                await seed.ExecuteNonQueryAsync();
            }

            using (var service = new TestService(postgres: null, new Dictionary<string, string?> { ["Database:EmbeddedPath"] = path }))
            {
                await UpgradedServiceWorksAsync(service);
            }

            await using var check = new SqliteConnection($"Data Source={path};Pooling=false");
            await check.OpenAsync();
            await using var journal = check.CreateCommand();
            journal.CommandText = "SELECT ScriptName FROM schema_versions ORDER BY rowid";
            var names = new List<string>();
            await using (var reader = await journal.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(0));
                }
            }

            Assert.Equal(Scripts, names);
            await using var waiting = check.CreateCommand();
            waiting.CommandText = "SELECT COUNT(*) FROM articles WHERE id = 'old-waiting'";
            Assert.Equal(1L, await waiting.ExecuteScalarAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Two_processes_starting_at_the_same_instant_on_an_empty_database_both_come_up()
    {
        var database = new TestPostgres();
        await database.InitializeAsync();
        var logs = Directory.CreateTempSubdirectory("roya-upgrade-logs-").FullName;
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["ConnectionStrings:Postgres"] = database.ConnectionString,
                ["Storage:Disk:Path"] = Path.Combine(logs, "media"),
                ["Jobs:WorkDirectory"] = Path.Combine(logs, "work"),
                ["Logging:LogLevel:Default"] = "Information",
            };
            using var first = WorkerProcess.Start(settings, Path.Combine(logs, "first.log"));
            using var second = WorkerProcess.Start(settings, Path.Combine(logs, "second.log"));

            await WaitUntilStartedAsync(first);
            await WaitUntilStartedAsync(second);
            var journal = await database.RowsAsync("SELECT scriptname FROM schema_versions ORDER BY schemaversionsid");
            Assert.Equal(Scripts, journal.Select(r => (string)r[0]!));
        }
        finally
        {
            await database.DisposeAsync();
            Directory.Delete(logs, recursive: true);
        }
    }

    private static async Task WaitUntilStartedAsync(WorkerProcess process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, $"the process exited while starting:\n{process.LogTail()}");
            if (process.LogTail().Contains("Application started", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail($"the process did not start within a minute:\n{process.LogTail()}");
    }

    /// <summary>The old rows are served, the old article takes an update and renders, a new one renders.</summary>
    private static async Task UpgradedServiceWorksAsync(TestService service)
    {
        using var http = service.CreateClient();
        var cms = new Cms(http);
        var editor = new EditorCalls(http);

        var lexicon = await editor.JsonAsync(HttpMethod.Get, "/api/lexicon/en");
        Assert.Contains(lexicon.EnumerateArray(), e => e.GetProperty("term").GetString() == "Nowruz" && e.GetProperty("spoken").GetString() == "No-rooz");
        var listed = (await editor.JsonAsync(HttpMethod.Get, "/api/articles")).EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Contains("old-story", listed);
        Assert.Contains("old-waiting", listed);

        var update = Cms.Article("old-story", "A story from the first release, corrected");
        using (var accepted = await cms.PublishAsync(update))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using (var accepted = await cms.PublishAsync(Cms.Article("new-story", "A story published after the upgrade")))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        System.Text.Json.JsonElement old;
        try
        {
            old = await cms.WaitForAsync(
                "old-story", "ready", RenderTimeout,
                a => !a.GetProperty("audio").GetProperty("url").GetString()!.Contains("old-hash", StringComparison.Ordinal));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; editors see: {await editor.JsonAsync(HttpMethod.Get, "/api/articles")}", e);
        }

        Assert.True(old.GetProperty("audio").GetProperty("durationMs").GetInt64() > 1000);
        var fresh = await cms.WaitForAsync("new-story", "ready", RenderTimeout);
        Assert.True(fresh.GetProperty("audio").GetProperty("durationMs").GetInt64() > 1000);
    }
}
