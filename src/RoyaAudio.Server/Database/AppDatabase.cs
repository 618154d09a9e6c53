using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace RoyaAudio.Server.Database;

/// <summary>
/// Connections to the app's own tables, on PostgreSQL or the embedded SQLite file. The SQL is written
/// once in the subset both speak (upserts with ON CONFLICT, RETURNING, integer times in unix ms), so the
/// stores above need no second dialect.
/// </summary>
public sealed class AppDatabase : IDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;

    static AppDatabase() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    public AppDatabase(IOptions<DatabaseOptions> options)
    {
        var settings = options.Value;
        if (settings.UsesPostgres)
        {
            var connection = new NpgsqlConnectionStringBuilder(settings.PostgresConnectionString);
            var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = settings.PostgresConnectionString };
            if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
            {
                // The same few statements run thousands of times (the audio API above all): prepared once
                // per connection, PostgreSQL stops parsing and planning them on every call. Behind a
                // transaction-mode pooler that forbids prepared statements, set Max Auto Prepare=0.
                connection.MaxAutoPrepare = 64;
            }

            _postgres = NpgsqlDataSource.Create(connection);
        }
        else
        {
            var path = Path.GetFullPath(settings.EmbeddedPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _sqlite = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true }.ToString();
        }
    }

    public bool IsPostgres => _postgres is not null;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(_sqlite);
        await connection.OpenAsync(cancellationToken);
        // Readers never wait for the writer, and a busy writer is waited for rather than failed.
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL;");
        return connection;
    }

    /// <summary>Creates or upgrades the tables; safe when several processes start at once.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (IsPostgres)
        {
            // Concurrent CREATE TABLE IF NOT EXISTS can still collide in PostgreSQL's catalog; take turns.
            await connection.ExecuteAsync("SELECT pg_advisory_lock(72720001)");
            try
            {
                await connection.ExecuteAsync(Schema.Postgres);
            }
            finally
            {
                await connection.ExecuteAsync("SELECT pg_advisory_unlock(72720001)");
            }
        }
        else
        {
            await connection.ExecuteAsync(Schema.Sqlite);
        }
    }

    public void Dispose() => _postgres?.Dispose();
}
