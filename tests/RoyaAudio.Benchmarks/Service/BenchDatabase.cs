using Npgsql;

namespace RoyaAudio.Benchmarks.Service;

/// <summary>
/// A fresh database on the PostgreSQL cluster the bench scripts start (ROYA_TEST_POSTGRES), dropped
/// afterwards, so every run starts from empty tables, an empty Hangfire schema and no leftovers.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;

    private BenchDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        _name = name;
        ConnectionString = connectionString;
    }

    /// <summary>What the service nodes get; the pool is bounded so several nodes fit the cluster's 300 connections.</summary>
    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var admin = Environment.GetEnvironmentVariable("ROYA_TEST_POSTGRES") is { Length: > 0 } given
            ? given
            : throw new InvalidOperationException("ROYA_TEST_POSTGRES is not set: run tests/bench/*.sh, or eval \"$(tests/start-postgres.sh)\" first");
        var name = $"roya_bench_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 60 }.ToString();
        return new BenchDatabase(admin, name, connectionString);
    }

    public async Task<long> CountAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Rows of (key, count), for a GROUP BY.</summary>
    public async Task<List<(string Key, long Count)>> CountsAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, long)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetInt64(1)));
        }

        return rows;
    }

    /// <summary>Articles whose audio is ready; the tables may not exist yet while the first node migrates.</summary>
    public async Task<long> ReadyArticlesAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await CountAsync("SELECT count(DISTINCT article_id) FROM renditions WHERE status = 'ready'", cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    /// <summary>Waits until <paramref name="articles"/> articles are ready; returns when the last one flipped (unix ms, from the service's own record).</summary>
    public async Task<long> WaitReadyAsync(int articles, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (await ReadyArticlesAsync(cancellationToken) < articles)
        {
            if (DateTime.UtcNow > deadline)
            {
                var ready = await ReadyArticlesAsync(cancellationToken);
                throw new TimeoutException($"{ready} of {articles} articles ready after {timeout.TotalSeconds:F0} s");
            }

            await Task.Delay(100, cancellationToken);
        }

        return await CountAsync("SELECT max(finished_at) FROM renditions WHERE status = 'ready'", cancellationToken);
    }

    /// <summary>
    /// Waits until <paramref name="articles"/> articles are ready, a render has failed or the time is up, without
    /// throwing: the caller checks what became of each article. A failed render has spent its retries, so the
    /// run cannot pass and waiting out the timeout would only delay the verdict.
    /// </summary>
    public async Task WaitSettledAsync(int articles, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            // One query a poll: the poll runs during the timed run, on the cores the workers share.
            var counts = await CountsAsync(
                "SELECT status, count(DISTINCT article_id) FROM renditions WHERE status IN ('ready', 'failed') GROUP BY status", cancellationToken);
            if (counts.Any(c => c.Key == "failed") || counts.Any(c => c.Key == "ready" && c.Count >= articles))
            {
                return;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
