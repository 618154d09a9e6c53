using Azure.Storage.Blobs;

namespace RoyaAudio.Server.Tests.Storage;

/// <summary>A fresh, uniquely named container in the Azurite named by ROYA_TEST_AZURITE, deleted after the test class.</summary>
public sealed class AzuriteContainer : IAsyncLifetime
{
    public const string Variable = "ROYA_TEST_AZURITE";

    public string? ConnectionString { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public string Name { get; } = $"roya-test-{Guid.NewGuid():N}";

    /// <summary>The connection string, or a failure that says how to get one: blob tests never pass by not running.</summary>
    public string RequireConnectionString() => ConnectionString ?? throw new InvalidOperationException(
        $"{Variable} is not set, so the blob store tests have no Azurite to talk to. From the repository root run " +
        "eval \"$(tests/start-azurite.sh)\" (installs and starts Azurite on a free port and sets " + Variable +
        "), run the tests again, then stop it with kill $ROYA_AZURITE_PID.");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (ConnectionString is not null)
        {
            await new BlobContainerClient(ConnectionString, Name).DeleteIfExistsAsync();
        }
    }
}
