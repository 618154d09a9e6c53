using System.Diagnostics;
using Dapper;
using RoyaAudio.Server.Database;
using RoyaAudio.Server.Storage;
using RoyaAudio.Server.Synthesis;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Server.Operations;

/// <summary><c>/healthz</c>: the database answers, the store takes a write, the default TTS engine can be reached.</summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", CheckAsync).WithTags("Operations").WithSummary("Database, storage and TTS engine health")
            .Produces<HealthReport>().Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> CheckAsync(AppDatabase database, IAudioStore store, TtsEngines engines, CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, HealthCheck>
        {
            ["database"] = await RunAsync(database.IsPostgres ? "postgresql" : "embedded", async token =>
            {
                await using var connection = await database.OpenAsync(token);
                await connection.ExecuteScalarAsync<long>("SELECT 1");
            }, cancellationToken),
            ["storage"] = await RunAsync(store.Name, store.CheckAsync, cancellationToken),
            ["tts"] = await RunAsync(Describe(engines.Default), token => CheckEngineAsync(engines.Default, token), cancellationToken),
        };
        var healthy = checks.Values.All(c => c.Healthy);
        return Results.Json(new HealthReport(healthy ? "healthy" : "unhealthy", checks), statusCode: healthy ? 200 : 503);
    }

    private static async Task<HealthCheck> RunAsync(string what, Func<CancellationToken, Task> check, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CheckTimeout);
        var clock = Stopwatch.StartNew();
        try
        {
            await check(limit.Token);
            return new HealthCheck(what, true, null, clock.ElapsedMilliseconds);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheck(what, false, e is OperationCanceledException ? $"no answer within {CheckTimeout.TotalSeconds:F0} s" : e.Message, clock.ElapsedMilliseconds);
        }
    }

    /// <summary>
    /// A remote engine's circuit is shown, not judged: a TTS outage must not take the web nodes out of a
    /// load balancer (listeners and the CMS still need them), and renders retry by themselves.
    /// </summary>
    private static string Describe(ITtsEngine engine) =>
        engine is OpenAiSpeechEngine remote
            ? $"{engine.Name} (circuit {remote.Circuit.State.ToString().ToLowerInvariant()}, opened {remote.Circuit.Openings} times since start)"
            : engine.Name;

    /// <summary>The local engine is started once; a remote one is not called (each call costs money), only its configuration is shown.</summary>
    private static async Task CheckEngineAsync(ITtsEngine engine, CancellationToken cancellationToken)
    {
        if (engine is not EspeakEngine)
        {
            return;
        }

        using var process = Process.Start(new ProcessStartInfo("espeak-ng", "--version") { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("espeak-ng could not be started");
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"espeak-ng --version exited with {process.ExitCode}");
        }
    }
}

public sealed record HealthReport(string Status, IReadOnlyDictionary<string, HealthCheck> Checks);

public sealed record HealthCheck(string Component, bool Healthy, string? Error, long ElapsedMs);
