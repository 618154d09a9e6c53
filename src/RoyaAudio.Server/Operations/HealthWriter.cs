using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace RoyaAudio.Server.Operations;

/// <summary>
/// The probes' JSON, unchanged for operators: <c>{"status":"healthy","checks":{"database":{"component":"postgresql",
/// "healthy":true,"error":null,"elapsedMs":3},…}}</c>. <c>elapsedMs</c> is how long the check itself took,
/// not how long a probe waited for its cached result.
/// </summary>
public static class HealthWriter
{
    public const string ElapsedKey = "elapsedMs";
    public const string ErrorKey = "error";

    public static Task WriteAsync(HttpContext http, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(report);
        var checks = report.Entries.ToDictionary(
            e => e.Key,
            e => new ComponentHealth(
                e.Value.Description ?? e.Key,
                e.Value.Status != HealthStatus.Unhealthy,
                e.Value.Data.TryGetValue(ErrorKey, out var error) ? error as string : e.Value.Exception?.Message,
                e.Value.Data.TryGetValue(ElapsedKey, out var elapsed) && elapsed is long ms ? ms : (long)e.Value.Duration.TotalMilliseconds),
            StringComparer.Ordinal);
        var answer = new HealthAnswer(report.Status == HealthStatus.Unhealthy ? "unhealthy" : "healthy", checks);
        http.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(http.Response.Body, answer, JsonSerializerOptions.Web, http.RequestAborted);
    }
}

public sealed record HealthAnswer(string Status, IReadOnlyDictionary<string, ComponentHealth> Checks);

public sealed record ComponentHealth(string Component, bool Healthy, string? Error, long ElapsedMs);
