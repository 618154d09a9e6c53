using System.Diagnostics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using RoyaAudio.Server.Hosting;
using RoyaAudio.Server.Security;
using RoyaAudio.Synthesis;

namespace RoyaAudio.Server.Operations;

/// <summary>
/// OpenTelemetry for the service. Metrics (the "RoyaAudio" meter, HTTP server and client, Npgsql pools) are
/// always kept for <c>GET /metrics</c> (Prometheus text, admin key). Traces and an OTLP copy of the metrics
/// exist only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (environment or configuration); the standard
/// <c>OTEL_*</c> settings (protocol, headers, batch delay, export interval) are read from configuration too.
/// </summary>
public static class Telemetry
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddRoyaTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<RenderQueueGauge>();
        services.AddSingleton<ServiceMetrics>();
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var role = ServerRole.From(configuration);

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource =>
            {
                if (string.IsNullOrWhiteSpace(configuration["OTEL_SERVICE_NAME"]))
                {
                    resource.AddService("roya-audio", serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString());
                }

                resource.AddAttributes([new("roya.role", role.Name)]);
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SpeechTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (!otlp)
        {
            // Nothing would read the spans: none are made, and Hangfire jobs carry no trace context.
            return;
        }

        JobTraceFilter.Register();
        telemetry.WithTracing(tracing => tracing
            .AddSource(SpeechTelemetry.Name)
            .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbe(http.Request.Path))
            .AddHttpClientInstrumentation()
            .AddNpgsql()
            .AddProcessor(new OrphanClientSpans())
            .AddOtlpExporter());
    }

    /// <summary><c>GET /metrics</c>: this process's metrics in Prometheus text, for admins only.</summary>
    public static void MapTelemetry(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Made now rather than at the first render: the queue gauges are there from the first scrape.
        app.ServiceProvider.GetRequiredService<ServiceMetrics>();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policies.Admin);
    }

    /// <summary>Probes and scrapes come every few seconds and say nothing a metric does not.</summary>
    private static bool IsProbe(PathString path) => path.StartsWithSegments("/healthz") || path.StartsWithSegments("/metrics");

    /// <summary>
    /// Drops database and HTTP client spans that belong to no request or job: Hangfire's queue polling, the
    /// cached readiness checks. They would be most of the traces and tell nothing.
    /// </summary>
    private sealed class OrphanClientSpans : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data)
        {
            if (data.Kind == ActivityKind.Client && data.ParentSpanId == default)
            {
                data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            }
        }
    }
}
