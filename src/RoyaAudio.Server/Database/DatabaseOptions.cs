namespace RoyaAudio.Server.Database;

/// <summary>
/// Where the newsroom's articles, renditions and lexicon live. With <c>ConnectionStrings:Postgres</c> set,
/// everything (Hangfire included) is on PostgreSQL; without it, an embedded SQLite file keeps the app's
/// data across restarts so a single machine works with no setup.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Filled from <c>ConnectionStrings:Postgres</c>.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>The embedded database file, used when no PostgreSQL connection string is set.</summary>
    public string EmbeddedPath { get; set; } = "data/roya.db";

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);
}
