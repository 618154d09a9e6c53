using Dapper;
using RoyaAudio.Server.Database;
using RoyaAudio.Server.Storage;
using RoyaAudio.Server.Synthesis;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Server.Operations;

/// <summary>The database answers a query.</summary>
public sealed class DatabaseReadiness(AppDatabase database) : ReadinessCheck
{
    public override string Component => database.IsPostgres ? "postgresql" : "embedded";

    public override async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
    }
}

/// <summary>The audio store answers a read; nothing is written (workers report failed writes on the rendition).</summary>
public sealed class StorageReadiness(IAudioStore store) : ReadinessCheck
{
    public override string Component => store.Name;

    public override Task CheckAsync(CancellationToken cancellationToken) => store.CheckReadableAsync(cancellationToken);
}

/// <summary>
/// The default engine is configured: espeak-ng is on the PATH (looked up once, nothing started); a remote
/// engine is never called (each call costs money), only its circuit is shown. A remote circuit is shown,
/// not judged: a TTS outage must not take the web nodes out of a load balancer (listeners and the CMS
/// still need them), and renders retry by themselves.
/// </summary>
public sealed class TtsReadiness(TtsEngines engines) : ReadinessCheck
{
    public override string Component => engines.Default.Condition;

    public override Task CheckAsync(CancellationToken cancellationToken) =>
        engines.Default.MissingPrerequisite is { } missing ? throw new InvalidOperationException(missing) : Task.CompletedTask;
}
