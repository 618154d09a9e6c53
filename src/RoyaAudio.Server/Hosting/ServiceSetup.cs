using System.Data.Common;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using RoyaAudio.Articles;
using RoyaAudio.Stitching;
using RoyaAudio.Server.Articles;
using RoyaAudio.Server.Backfill;
using RoyaAudio.Server.Database;
using RoyaAudio.Server.Editor;
using RoyaAudio.Server.Jobs;
using RoyaAudio.Server.Lexicon;
using RoyaAudio.Server.Listening;
using RoyaAudio.Server.Media;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Player;
using RoyaAudio.Server.Renditions;
using RoyaAudio.Server.Review;
using RoyaAudio.Server.Security;
using RoyaAudio.Server.Storage;
using RoyaAudio.Server.Synthesis;
using RoyaAudio.Synthesis.Verification;

namespace RoyaAudio.Server.Hosting;

/// <summary>Everything the service is made of, wired once: options (validated at start), stores, Hangfire, auth and the HTTP surface.</summary>
public static class ServiceSetup
{
    /// <summary>The CORS policy of the public endpoints the player calls from article pages.</summary>
    public const string ArticleSites = "article-sites";

    public static void AddRoyaAudio(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var services = builder.Services;
        var role = ServerRole.From(configuration);
        services.AddSingleton(role);
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .PostConfigure(o => o.PostgresConnectionString ??= configuration.GetConnectionString("Postgres"))
            .Validate(o => o.UsesPostgres || role == ServerRole.All,
                "the embedded database serves one process only: run with --role all, or set ConnectionStrings__Postgres so web and worker nodes share PostgreSQL")
            .ValidateOnStart();
        AddValidated<StorageOptions>(services, configuration, "Storage");
        AddValidated<SecurityOptions>(services, configuration, SecurityOptions.Section);
        AddValidated<JobOptions>(services, configuration, JobOptions.Section);
        AddValidated<TtsOptions>(services, configuration, TtsOptions.Section);
        services.AddSingleton<IValidateOptions<TtsOptions>, TtsVoiceSettings>();
        AddValidated<VerificationOptions>(services, configuration, "Verification");
        AddValidated<AudioOptions>(services, configuration, AudioOptions.Section);
        AddValidated<PublicationOptions>(services, configuration, PublicationOptions.Section);
        // Branding's keys are the editions themselves (Branding:en:IntroText), so the section binds to the dictionary.
        services.AddOptions<Branding.BrandingOptions>().Configure(o => configuration.GetSection(Branding.BrandingOptions.Section).Bind(o.Editions))
            .ValidateDataAnnotations().ValidateOnStart();
        AddValidated<Branding.DisclosureOptions>(services, configuration, Branding.DisclosureOptions.Section);
        services.AddOptions<Bulletins.BulletinOptions>().Configure(o => configuration.GetSection(Bulletins.BulletinOptions.Section).Bind(o.Editions))
            .ValidateDataAnnotations().ValidateOnStart();
        AddValidated<PlayerOptions>(services, configuration, PlayerOptions.Section);
        AddValidated<RateLimitOptions>(services, configuration, RateLimitOptions.Section);
        AddValidated<ServiceOptions>(services, configuration, ServiceOptions.Section);
        AddValidated<FeedOptions>(services, configuration, FeedOptions.Section);
        PodcastOptions.AddTo(services, configuration);
        services.AddProxyAwareness();
        RateLimitOptions.AddTo(services);

        services.AddSingleton<AppDatabase>();
        services.AddSingleton<ArticleStore>();
        services.AddSingleton<RenditionStore>();
        services.AddSingleton<ListenerView>();
        services.AddSingleton<ListeningStore>();
        services.AddSingleton<FeedStore>();
        services.AddSingleton<CoverArt>();
        services.AddSingleton<LexiconStore>();
        services.AddSingleton<TtsEngines>();
        services.AddSingleton<ScriptPlanner>();
        services.AddSingleton<IAudioStore>(AudioStores.Create);
        services.AddSingleton<SharedUnitCache>();
        services.AddSingleton<UnitVerification>();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<AudioFreshness>();
        services.AddSingleton<PublicAddress>();
        services.AddSingleton<WebhookGate>();
        services.AddSingleton<PlayTokens>();
        services.AddSingleton<RefusedOrigins>();
        services.AddSingleton<MediaUrls>();
        services.AddSingleton<RenderScheduler>();
        services.AddTransient<RenderJob>();
        services.AddTransient<MaintenanceJob>();
        services.AddTransient<OrphanSweepJob>();
        services.AddTransient<RenditionProduction>();
        services.AddSingleton<BackfillStore>();
        services.AddTransient<BackfillJob>();
        services.AddSingleton<Bulletins.BulletinStore>();
        services.AddTransient<Bulletins.BulletinJob>();
        // First of all hosted services: the others (the data-protection key ring among them) read tables it migrates.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StartupTasks>());
        services.AddRoyaHealth();
        services.AddRoyaTelemetry(configuration);

        services.AddHangfire((provider, config) =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var jobs = provider.GetRequiredService<IOptions<JobOptions>>().Value;
            if (database.UsesPostgres)
            {
                config.UsePostgreSqlStorage(
                    o => o.UseNpgsqlConnection(database.PostgresConnectionString),
                    new PostgreSqlStorageOptions
                    {
                        SchemaName = "hangfire",
                        PrepareSchemaIfNecessary = true,
                        // Sliding: a running job's heartbeat keeps it; only a dead worker's job returns after the timeout.
                        UseSlidingInvisibilityTimeout = true,
                        InvisibilityTimeout = TimeSpan.FromSeconds(jobs.InvisibilityTimeoutSeconds),
                        QueuePollInterval = TimeSpan.FromSeconds(jobs.QueuePollSeconds),
                    });
            }
            else
            {
                config.UseInMemoryStorage();
            }
        });
        if (role.Renders)
        {
            services.AddHangfireServer((provider, server) =>
            {
                var jobs = provider.GetRequiredService<IOptions<JobOptions>>().Value;
                server.Queues = Queues.ByPriority;
                server.WorkerCount = jobs.WorkerCount;
                server.SchedulePollingInterval = TimeSpan.FromSeconds(Math.Max(1, jobs.QueuePollSeconds));
                server.ShutdownTimeout = TimeSpan.FromSeconds(30);
            });
        }

        services.AddEditorAuthentication();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Editor, p => p.RequireRole(Roles.Editor, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.MaxDepth = 16);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Explain);
        // The document names this service at its public address, never at whatever Host a caller sent.
        services.AddOpenApi(o => o.AddDocumentTransformer((document, context, _) =>
        {
            if (context.ApplicationServices.GetRequiredService<IOptions<ServiceOptions>>().Value.PublicRoot is { } root)
            {
                document.Servers = [new Microsoft.OpenApi.OpenApiServer { Url = root }];
            }

            return Task.CompletedTask;
        }));
        // A Server header tells a prober which stack to try first, and nothing to anyone else.
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        // Article pages on the newsroom's own sites may read the public audio API and send listening events.
        // Origins are read the way validation reads them (https://site.example/ and https://site.example are one
        // origin), from the validated options, so what passes validation is what a browser's Origin matches.
        services.AddCors();
        services.AddOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>().Configure<IOptions<PlayerOptions>>((cors, player) =>
            cors.AddPolicy(ArticleSites, policy => policy
                .WithOrigins([.. player.Value.AllowedOrigins.Select(PlayerOptions.OriginOf).OfType<string>()])
                .WithMethods("GET", "HEAD", "POST").WithHeaders("Content-Type")));
    }

    public static void UseRoyaAudio(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // First, so rate limits, URLs and logs all see the client behind a named proxy.
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor });
        app.UseStatusCodePages();
        app.UseRefusedOriginWarnings();
        app.UseCors();
        app.UseAuthentication();
        app.UseEditorCsrfGuard();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealth();
        app.MapTelemetry();
        var role = app.Services.GetRequiredService<ServerRole>();
        if (role.Serves)
        {
            app.MapOpenApi();
            app.MapWebhook();
            app.MapAudio();
            app.MapEditorApi();
            app.MapBackfill();
            Bulletins.BulletinEndpoints.MapBulletins(app);
            app.MapLexicon();
            app.MapVoices();
            app.MapReview();
            app.MapWaveform();
            app.MapMedia();
            app.MapPlayer();
            app.MapListening();
            app.MapEditorSignIn();
            app.MapEditorPage();
            app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Admin, "/hangfire");
        }
    }

    private static void AddValidated<T>(IServiceCollection services, ConfigurationManager configuration, string section)
        where T : class =>
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>Bad requests say what was bad; an unavailable database is a retryable 503, never a 500.</summary>
    private static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        // ASP.NET's form reader refuses NUL and other undecodable input this way.
        InvalidDataException => StatusCodes.Status400BadRequest,
        DbException or TimeoutException or System.Net.Sockets.SocketException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static void Explain(ProblemDetailsContext context)
    {
        var exception = context.HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        switch (exception)
        {
            case BadHttpRequestException bad:
                context.ProblemDetails.Detail = (bad.InnerException as System.Text.Json.JsonException)?.Message is { } json
                    ? $"{bad.Message} {json}"
                    : bad.Message;
                break;
            case InvalidDataException invalid:
                context.ProblemDetails.Detail = $"the request body could not be read: {invalid.Message}";
                break;
            case DbException or TimeoutException or System.Net.Sockets.SocketException:
                context.ProblemDetails.Detail = "the database is unavailable for a moment; retry the request";
                context.HttpContext.Response.Headers.RetryAfter = "5";
                break;
        }

        // Answers routing gives by itself (no such path, a method the path does not take) still name the problem.
        var request = context.HttpContext.Request;
        var path = request.Path.Value is { Length: > 80 } longPath ? longPath[..80] + "…" : request.Path.Value;
        context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound => $"nothing is served at {path}",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {path}",
            _ => null,
        };
    }
}
