using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RoyaAudio.Synthesis;

namespace RoyaAudio.SpeechServer;

/// <summary>
/// A speech server on 127.0.0.1 that answers like Azure OpenAI (<c>/openai/deployments/{d}/audio/speech</c>)
/// and OpenAI (<c>/v1/audio/speech</c>) with espeak-ng audio, and transcribes what it said on both services'
/// transcription paths, so the real SDK clients can be exercised
/// without an account, and their handling of faults tested on purpose.
/// </summary>
public sealed class LocalSpeechServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RequestLog _log;
    private int _stopped;

    private LocalSpeechServer(WebApplication app, RequestLog log, SpeechServerOptions options, Uri baseAddress)
    {
        _app = app;
        _log = log;
        Options = options;
        BaseAddress = baseAddress;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri BaseAddress { get; }

    /// <summary>Read on every request: change the key, the latency or the faults while the server runs.</summary>
    public SpeechServerOptions Options { get; }

    /// <summary>A snapshot of every request answered so far.</summary>
    public IReadOnlyList<SpeechRequestRecord> Requests => _log.Snapshot();

    /// <summary>Starts listening on 127.0.0.1 (never on other interfaces); <paramref name="port"/> 0 takes a free port.</summary>
    public static async Task<LocalSpeechServer> StartAsync(SpeechServerOptions options, int port = 0, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);

        // The content root is the program's own directory, so an appsettings.json in the caller's directory changes nothing.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A truncated answer is Kestrel closing a connection whose body fell short, which it reports as an application
        // error: that is the fault working. The handlers log their own failures under this server's name instead.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Server.Kestrel", LogLevel.Critical);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        // Stalls end as soon as the server stops; this bounds anything else still in flight.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        var log = new RequestLog();
        var renderer = new SpeechRenderer(new EspeakEngine(new EspeakOptions()));
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<LocalSpeechServer>();
        var spoken = new SpokenAudio();
        new SpeechEndpoints(options, log, new FaultInjector(options.Faults.Seed), renderer, new RenderedAnswers(), new RequestQuota(TimeProvider.System), spoken, logger, app.Lifetime.ApplicationStopping)
            .Map(app);
        new TranscriptionEndpoints(options, log, spoken).Map(app);

        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new LocalSpeechServer(app, log, options, new Uri(address.TrimEnd('/') + "/"));
    }

    public void ClearRequests() => _log.Clear();

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _app.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
