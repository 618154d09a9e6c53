using RoyaAudio.Server.Tests.Support;
using RoyaAudio.Tests;

namespace RoyaAudio.Server.Tests.Storage;

/// <summary>The service on Azure Blob Storage (Azurite): listeners get the blob's URL, and units are shared through the container.</summary>
[Collection(ServiceTests.Name)]
public sealed class BlobServiceTests : IAsyncLifetime
{
    private readonly TestPostgres _database = new();
    private readonly AzuriteContainer _container = new();
    private TestService _service = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _service = new TestService(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "blob",
            ["Storage:Blob:ConnectionString"] = _container.RequireConnectionString(),
            ["Storage:Blob:Container"] = _container.Name,
        });
    }

    public async Task DisposeAsync()
    {
        await _service.DisposeAsync();
        await _container.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_rendition_is_stored_as_a_blob_and_its_URL_serves_the_whole_MP3()
    {
        using var http = _service.CreateClient();
        var cms = new Cms(http);
        (await cms.PublishAsync(Cms.Article("blob-story", "A story kept in blob storage"))).EnsureSuccessStatusCode();
        var ready = await cms.WaitForAsync("blob-story", "ready", TimeSpan.FromSeconds(90));
        var audio = ready.GetProperty("audio");
        var url = new Uri(audio.GetProperty("url").GetString()!);
        Assert.Contains(_container.Name, url.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("127.0.0.1", url.Host);

        using var azurite = new HttpClient();
        var bytes = await azurite.GetByteArrayAsync(url);
        Assert.Equal(audio.GetProperty("bytes").GetInt64(), bytes.Length);
        var stated = audio.GetProperty("durationMs").GetInt64();
        Assert.InRange(AudioProbe.DecodedSeconds(bytes) * 1000, stated - 50, stated + 50);

        // Synthesised units went to the shared container too, for every other worker.
        var units = new Azure.Storage.Blobs.BlobContainerClient(_container.RequireConnectionString(), _container.Name)
            .GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "units/" });
        var count = 0;
        await foreach (var unit in units)
        {
            count++;
        }

        Assert.True(count >= 3, $"{count} units in the container");
    }
}
