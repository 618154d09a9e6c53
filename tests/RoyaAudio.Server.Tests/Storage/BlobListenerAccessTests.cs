using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Storage;

/// <summary>A private container and no CDN: start-up says plainly that listeners cannot play, and what to set.</summary>
[Collection(ServiceTests.Name)]
public sealed class BlobListenerAccessTests : IAsyncLifetime
{
    private readonly AzuriteContainer _container = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _container.DisposeAsync();

    private static IReadOnlyCollection<string> Start(AzuriteContainer container, string? publicBaseUrl)
    {
        var logs = new CapturedLogs();
        using var service = new TestService(postgres: null, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "blob",
            ["Storage:Blob:ConnectionString"] = container.RequireConnectionString(),
            ["Storage:Blob:Container"] = container.Name,
            ["Storage:Blob:PublicBaseUrl"] = publicBaseUrl,
        }, services => services.AddLogging(l => l.AddProvider(logs)));
        // Creating the client starts the host, and start-up has run when it returns.
        using var http = service.CreateClient();
        return logs.Lines;
    }

    [Fact]
    public async Task A_private_container_without_a_CDN_is_reported_at_start_naming_the_setting()
    {
        await new BlobContainerClient(_container.RequireConnectionString(), _container.Name).CreateIfNotExistsAsync(PublicAccessType.None);

        var lines = Start(_container, publicBaseUrl: null);

        var error = Assert.Single(lines, l => l.Contains("listeners cannot play audio", StringComparison.Ordinal));
        Assert.StartsWith("Error", error, StringComparison.Ordinal);
        Assert.Contains("Storage:Blob:PublicBaseUrl", error, StringComparison.Ordinal);
        Assert.Contains(_container.Name, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_private_container_behind_a_CDN_or_a_readable_container_starts_without_complaint()
    {
        await new BlobContainerClient(_container.RequireConnectionString(), _container.Name).CreateIfNotExistsAsync(PublicAccessType.None);
        Assert.DoesNotContain(Start(_container, "https://cdn.example.org/"), l => l.Contains("listeners cannot play audio", StringComparison.Ordinal));

        await new BlobContainerClient(_container.RequireConnectionString(), _container.Name).SetAccessPolicyAsync(PublicAccessType.Blob);
        Assert.DoesNotContain(Start(_container, publicBaseUrl: null), l => l.Contains("listeners cannot play audio", StringComparison.Ordinal));
    }

    [Fact]
    public void Blob_storage_without_a_connection_string_or_an_account_address_stops_the_start_naming_both()
    {
        using var service = new TestService(postgres: null, new Dictionary<string, string?> { ["Storage:Provider"] = "blob" });
        var failure = Assert.ThrowsAny<Exception>(() => service.CreateClient()).ToString();
        Assert.Contains("Storage__Blob__ConnectionString", failure, StringComparison.Ordinal);
        Assert.Contains("Storage:Blob:ServiceUri", failure, StringComparison.Ordinal);
    }
}
