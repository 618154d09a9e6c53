using Npgsql;

namespace RoyaAudio.Server.Tests.Support;

/// <summary>
/// A fresh database on the throwaway PostgreSQL cluster that tests/run.sh starts (ROYA_TEST_POSTGRES),
/// dropped afterwards. Without the cluster the tests fail and say how to start it.
/// </summary>
/// <param name="empty">
/// True for a database with nothing in it (upgrade tests). Otherwise it is a copy of one migrated once per test
/// run (our migrations and Hangfire's schema, as the service applies them at start-up), so each service start
/// finds its schema current instead of building it again: a test's database costs a file copy.
/// </param>
public sealed class TestPostgres(bool empty = false) : IAsyncLifetime
{
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;

    private readonly string _name = $"roya_test_{Guid.NewGuid():N}";
    private string _admin = "";

    public string ConnectionString { get; private set; } = "";

    public static string AdminConnectionString() =>
        Environment.GetEnvironmentVariable("ROYA_TEST_POSTGRES") is { Length: > 0 } admin
            ? admin
            : throw new InvalidOperationException(
                "ROYA_TEST_POSTGRES is not set: run the tests with tests/run.sh, or start a cluster with eval \"$(tests/start-postgres.sh)\"");

    public async Task InitializeAsync()
    {
        _admin = AdminConnectionString();
        var template = empty ? null : await TemplateAsync(_admin);
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand(template is null ? $"CREATE DATABASE {_name}" : $"CREATE DATABASE {_name} TEMPLATE {template}", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_admin) { Database = _name, Pooling = true, MaxPoolSize = 40 }.ToString();
    }

    /// <summary>The migrated database every other test database is copied from, made on first use; dropped with the cluster.</summary>
    private static async Task<string> TemplateAsync(string admin)
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }

            var name = $"roya_template_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }

            // No pooling: CREATE DATABASE … TEMPLATE refuses while any connection to the template is open.
            var target = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ToString();
            RoyaAudio.Server.Database.Migrations.SchemaMigrations.Apply(RoyaAudio.Server.Database.Migrations.SchemaMigrations.Postgres(target), postgres: true);
            await using (var connection = new NpgsqlConnection(target))
            {
                await connection.OpenAsync();
                Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(connection, "hangfire");
            }

            return _template = name;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    public async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<object?[]>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add([.. row.Select(v => v is DBNull ? null : v)]);
        }

        return rows;
    }

    /// <summary>Stops the whole cluster (every test database with it) until <see cref="ResumeClusterAsync"/>.</summary>
    public static Task HaltClusterAsync() => RunAsync("ROYA_POSTGRES_HALT");

    public static Task ResumeClusterAsync() => RunAsync("ROYA_POSTGRES_RESUME");

    private static async Task RunAsync(string variable)
    {
        var command = Environment.GetEnvironmentVariable(variable)
            ?? throw new InvalidOperationException($"{variable} is not set: run the tests with tests/run.sh, or eval \"$(tests/start-postgres.sh)\"");
        var start = new System.Diagnostics.ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{variable} failed: {output}");
        }
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
