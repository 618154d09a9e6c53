using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using RoyaAudio.Server.Storage;

namespace RoyaAudio.Server.Tests.Storage;

public sealed class BlobAudioStoreTests : AudioStoreBehaviour, IClassFixture<AzuriteContainer>
{
    private readonly BlobStorageOptions _options;
    private readonly BlobAudioStore _store;

    public BlobAudioStoreTests(AzuriteContainer azurite)
    {
        _options = new BlobStorageOptions { ConnectionString = azurite.RequireConnectionString(), Container = azurite.Name };
        _store = new BlobAudioStore(_options);
    }

    protected override IAudioStore Store => _store;

    [Fact]
    public void Without_a_public_base_url_listeners_get_the_blob_url()
    {
        var key = NewAudioKey("mp3");
        var container = new BlobContainerClient(_options.ConnectionString, _options.Container);

        Assert.Equal(new Uri($"{container.Uri}/{key.Value}"), _store.PublicUrl(key));
        Assert.Equal("blob", _store.Name);
    }

    [Theory]
    [InlineData("https://cdn.example.com/media")]
    [InlineData("https://cdn.example.com/media/")]
    public void With_a_public_base_url_listeners_get_the_base_plus_the_key(string baseUrl)
    {
        var key = NewAudioKey("vtt");
        var store = new BlobAudioStore(new BlobStorageOptions { ConnectionString = _options.ConnectionString, Container = _options.Container, PublicBaseUrl = baseUrl });

        Assert.Equal(new Uri("https://cdn.example.com/media/" + key.Value), store.PublicUrl(key));
    }

    [Fact]
    public async Task Audio_is_served_with_its_type_and_cached_for_good_and_units_with_their_type()
    {
        var audio = NewAudioKey("mp3");
        var captions = NewAudioKey("vtt");
        var unit = StorageKey.ForUnit(NewHash());
        foreach (var key in new[] { audio, captions, unit })
        {
            await _store.PutFileAsync(key, LocalFile(RandomBytes(64)), CancellationToken.None);
        }

        var container = new BlobContainerClient(_options.ConnectionString, _options.Container);
        var mp3 = (await container.GetBlobClient(audio.Value).GetPropertiesAsync()).Value;
        var vtt = (await container.GetBlobClient(captions.Value).GetPropertiesAsync()).Value;
        var wav = (await container.GetBlobClient(unit.Value).GetPropertiesAsync()).Value;

        Assert.Equal(("audio/mpeg", "public, max-age=31536000, immutable"), (mp3.ContentType, mp3.CacheControl));
        Assert.Equal(("text/vtt; charset=utf-8", "public, max-age=31536000, immutable"), (vtt.ContentType, vtt.CacheControl));
        Assert.Equal("audio/wav", wav.ContentType);
        Assert.Null(wav.CacheControl);
    }

    [Fact]
    public async Task The_readiness_check_writes_nothing_not_even_the_container()
    {
        var container = new BlobContainerClient(_options.ConnectionString, $"never-written-{Guid.NewGuid():N}"[..40]);
        var store = new BlobAudioStore(container, null);

        await store.CheckReadableAsync(CancellationToken.None);

        Assert.False(await container.ExistsAsync());
    }

    [Fact]
    public async Task The_health_check_names_the_container_it_cannot_reach()
    {
        // Port 1 on loopback refuses at once: the check must fail naming the container, not hang or pass.
        var unreachable = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Convert.ToBase64String(new byte[64]) +
            ";BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;";
        var options = new BlobClientOptions { Retry = { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(10) } };
        var store = new BlobAudioStore(new BlobContainerClient(unreachable, _options.Container, options), null);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CheckReadableAsync(CancellationToken.None));

        Assert.Contains(_options.Container!, error.Message, StringComparison.Ordinal);
    }
}
