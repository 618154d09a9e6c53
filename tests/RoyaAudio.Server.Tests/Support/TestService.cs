using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace RoyaAudio.Server.Tests.Support;

/// <summary>The real service in-process (Kestrel replaced by the test server), on a test database and a temporary media folder.</summary>
public sealed class TestService : WebApplicationFactory<Program>
{
    public const string WebhookSecret = "test-webhook-secret-0123456789";
    public const string EditorKey = "editor-key-0123456789abcdef";
    public const string AdminKey = "admin-key-0123456789abcdef";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public TestService(string? postgres, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        MediaDirectory = Directory.CreateTempSubdirectory("roya-media-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres,
            ["Database:EmbeddedPath"] = Path.Combine(MediaDirectory, "..", Path.GetFileName(MediaDirectory) + ".db"),
            ["Storage:Disk:Path"] = MediaDirectory,
            ["Security:WebhookSecret"] = WebhookSecret,
            ["Security:ApiKeys:0:Name"] = "test editor",
            ["Security:ApiKeys:0:Key"] = EditorKey,
            ["Security:ApiKeys:0:Role"] = "editor",
            ["Security:ApiKeys:1:Name"] = "test admin",
            ["Security:ApiKeys:1:Key"] = AdminKey,
            ["Security:ApiKeys:1:Role"] = "admin",
            ["Jobs:QueuePollSeconds"] = "0.2",
            ["Jobs:LeaseSeconds"] = "6",
            ["Jobs:RetryDelaySeconds"] = "0.5",
            ["Jobs:WorkerCount"] = "2",
            ["Jobs:WorkDirectory"] = Path.Combine(MediaDirectory, "..", Path.GetFileName(MediaDirectory) + "-work"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["RateLimits:PublicPerSecond"] = "100000",
            ["Security:WebhookRefusalsPerMinute"] = "100000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string MediaDirectory { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(MediaDirectory))
        {
            Directory.Delete(MediaDirectory, recursive: true);
        }
    }
}
