using RoyaAudio.Server.Editor;
using RoyaAudio.Server.Storage;

namespace RoyaAudio.Server.Tests.Editor;

/// <summary>The editor page's audio may come from the store's own host (a CDN or blob container), and from nowhere else.</summary>
public sealed class EditorPagePolicyTests
{
    [Theory]
    [InlineData(null, "media-src 'self';")]
    [InlineData("https://cdn.example.org/roya-audio/", "media-src 'self' https://cdn.example.org;")]
    [InlineData("https://account.blob.core.windows.net:8443/media/", "media-src 'self' https://account.blob.core.windows.net:8443;")]
    public void Media_is_allowed_from_the_store_host_only(string? publicBase, string expected)
    {
        var policy = EditorPage.Policy(new PublicStore(publicBase));
        Assert.Contains(expected, policy, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';", policy, StringComparison.Ordinal);
        Assert.EndsWith("frame-ancestors 'none'; base-uri 'none'; form-action 'self'", policy, StringComparison.Ordinal);
    }

    /// <summary>Answers only where listeners fetch objects; the policy needs nothing else.</summary>
    private sealed class PublicStore(string? publicBase) : IAudioStore
    {
        public string Name => "test";

        public Uri? PublicUrl(StorageKey key) => publicBase is null ? null : new Uri(publicBase + key.Value);

        public Task PutFileAsync(StorageKey key, string localPath, CancellationToken cancellationToken) => throw new NotSupportedException();

        public string? LocalRoot => null;

        public Task<string?> ListenerAccessProblemAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public Task<bool> TryDownloadAsync(StorageKey key, string localPath, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task DeleteAsync(StorageKey key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CheckReadableAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<int> RemoveAbandonedAsync(TimeSpan olderThan, CancellationToken cancellationToken) => throw new NotSupportedException();

        public IAsyncEnumerable<StorageKey> ListAudioAsync(TimeSpan olderThan, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
