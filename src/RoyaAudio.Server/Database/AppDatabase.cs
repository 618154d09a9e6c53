using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using RoyaAudio.Server.Database.Migrations;

namespace RoyaAudio.Server.Database;

/// <summary>
/// Connections to the app's own tables, on PostgreSQL or the embedded SQLite file. The SQL is written
/// once in the subset both speak (upserts with ON CONFLICT, RETURNING, integer times in unix ms), so the
/// stores above need no second dialect.
/// </summary>
public sealed class AppDatabase : IDisposable
{
    /// <summary>The advisory lock key migrations take turns on (any fixed number no other app uses).</summary>
    private const long MigrationLock = 72720001;

    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;
    private readonly string? _postgresConnectionString;

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
            _postgresConnectionString = connection.ToString();
        }
        else
        {
            var path = Path.GetFullPath(settings.EmbeddedPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            _sqlite = new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true }.ToString();
        }
    }

    public bool IsPostgres => _postgres is not null;

    /// <summary>
    /// "Is one of the list in <paramref name="parameter"/>": Npgsql takes a list as one array parameter, while for
    /// SQLite Dapper spreads it into one parameter an item.
    /// </summary>
    public string InList(string parameter) => IsPostgres ? $"= ANY(@{parameter})" : $"IN @{parameter}";

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

    /// <summary>
    /// Brings the tables to today's schema (see <see cref="SchemaMigrations"/>) and returns the scripts it
    /// ran. On PostgreSQL the processes starting at once take turns under an advisory lock, so each
    /// script runs once; the others find it in the journal.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        if (_postgres is null)
        {
            return SchemaMigrations.Apply(SchemaMigrations.Sqlite(_sqlite!), postgres: false);
        }

        await using var connection = await _postgres.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@Key)", new { Key = MigrationLock });
        try
        {
            return SchemaMigrations.Apply(SchemaMigrations.Postgres(_postgresConnectionString!), postgres: true);
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@Key)", new { Key = MigrationLock });
        }
    }

    public void Dispose() => _postgres?.Dispose();
}
