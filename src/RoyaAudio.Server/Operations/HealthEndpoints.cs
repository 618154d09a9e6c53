using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;

namespace RoyaAudio.Server.Operations;

/// <summary>
/// The probes, built on ASP.NET Core's health checks. <c>/healthz/live</c>: the process answers, nothing
/// else is looked at. <c>/healthz/ready</c> (and <c>/healthz</c>, as before): the database answers a query,
/// the audio store answers a read, the default TTS engine is configured; each result stands for a few
/// seconds (<see cref="CachedReadiness"/>), so probes cost no I/O of their own. 503 when a check fails.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    private static readonly (string Path, string Summary)[] Probes =
    [
        ("/healthz/live", "Liveness: the process answers (no I/O)"),
        ("/healthz/ready", "Readiness: database, storage (read) and TTS engine configuration; results cached a few seconds"),
        ("/healthz", "Same as /healthz/ready"),
    ];

    public static void AddRoyaHealth(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseReadiness>();
        services.AddSingleton<StorageReadiness>();
        services.AddSingleton<TtsReadiness>();
        services.AddHealthChecks()
            .AddCached<DatabaseReadiness>("database")
            .AddCached<StorageReadiness>("storage")
            .AddCached<TtsReadiness>("tts");
        // The framework logs every failing check of every probe, with its stack; CachedReadiness logs each failing run once instead.
        services.AddLogging(logging => logging.AddFilter(typeof(HealthCheckService).Namespace + ".DefaultHealthCheckService", LogLevel.Critical));
        // The probes are middleware endpoints, which the OpenAPI generator does not see: listed by hand.
        services.Configure<OpenApiOptions>("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            Describe(document);
            return Task.CompletedTask;
        }));
    }

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthWriter.WriteAsync });
        var ready = new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthWriter.WriteAsync };
        app.MapHealthChecks("/healthz/ready", ready);
        app.MapHealthChecks("/healthz", ready);
    }

    /// <summary>One cached instance per check for the life of the host: the cache is what makes probes cheap.</summary>
    private static IHealthChecksBuilder AddCached<TCheck>(this IHealthChecksBuilder builder, string name)
        where TCheck : ReadinessCheck
    {
        builder.Services.AddKeyedSingleton(name, (services, _) =>
            new CachedReadiness(services.GetRequiredService<TCheck>(), services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<CachedReadiness>>()));
        return builder.Add(new HealthCheckRegistration(
            name, services => services.GetRequiredKeyedService<CachedReadiness>(name), HealthStatus.Unhealthy, [ReadyTag]));
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Paths ??= [];
        foreach (var (path, summary) in Probes)
        {
            document.Paths[path] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Get] = new()
                    {
                        Summary = summary,
                        Tags = new HashSet<OpenApiTagReference> { new("Operations", document) },
                        Responses = new OpenApiResponses
                        {
                            ["200"] = new OpenApiResponse { Description = "healthy: {\"status\":\"healthy\",\"checks\":{…}}" },
                            ["503"] = new OpenApiResponse { Description = "unhealthy: the failing check carries an error" },
                        },
                    },
                },
            };
        }
    }
}
