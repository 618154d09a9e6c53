using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace RoyaAudio.Server.Storage;

/// <summary>
/// An Azure Blob Storage container. A block blob upload is atomic (a reader never sees a partial blob), and
/// uploads never replace an existing blob: the key names its content, so the first writer's bytes are the bytes.
/// </summary>
public sealed class BlobAudioStore : IAudioStore
{
    // Content-addressed names never change content, so browsers and CDNs may keep them for good.
    private const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    private readonly BlobContainerClient _container;
    private readonly string? _publicBaseUrl;
    private readonly Lock _gate = new();
    private Task? _containerReady;

    public BlobAudioStore(BlobStorageOptions options)
        : this(ContainerFor(options), options.PublicBaseUrl)
    {
    }

    public BlobAudioStore(BlobContainerClient container, string? publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _publicBaseUrl = string.IsNullOrWhiteSpace(publicBaseUrl) ? null : publicBaseUrl.TrimEnd('/') + "/";
    }

    public string Name => StorageOptions.BlobProvider;

    public string? LocalRoot => null;

    public async Task PutFileAsync(StorageKey key, string localPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders
            {
                ContentType = key.ContentType,
                CacheControl = key.Value.StartsWith("audio/", StringComparison.Ordinal) ? ImmutableCacheControl : null,
            },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };

        try
        {
            await EnsureContainerAsync(cancellationToken);
            await _container.GetBlobClient(key.Value).UploadAsync(localPath, options, cancellationToken);
        }
        catch (RequestFailedException e) when (IsAlreadyThere(e))
        {
            // Same key, same bytes: someone stored it first.
        }
        catch (Exception e) when (IsOutage(e, cancellationToken))
        {
            throw Unavailable("written", key, e);
        }
    }

    public async Task<bool> TryDownloadAsync(StorageKey key, string localPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var destination = Path.GetFullPath(localPath);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var temporary = $"{destination}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            await EnsureContainerAsync(cancellationToken);
            await _container.GetBlobClient(key.Value).DownloadToAsync(temporary, cancellationToken);
            File.Move(temporary, destination, overwrite: true);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
        catch (Exception e) when (IsOutage(e, cancellationToken))
        {
            throw Unavailable("read", key, e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public async Task DeleteAsync(StorageKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        try
        {
            await EnsureContainerAsync(cancellationToken);
            await _container.GetBlobClient(key.Value).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (IsOutage(e, cancellationToken))
        {
            throw Unavailable("deleted", key, e);
        }
    }

    public Uri? PublicUrl(StorageKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _publicBaseUrl is null ? _container.GetBlobClient(key.Value).Uri : new Uri(_publicBaseUrl + key.Value);
    }

    /// <summary>
    /// Why listeners could not fetch the URLs this store hands out, or null when they can (or it cannot be
    /// told). Without a CDN in front, blob URLs need anonymous read on the container; an account that
    /// forbids public access makes the container private, and every listener would get 404/409.
    /// </summary>
    public async Task<string?> ListenerAccessProblemAsync(CancellationToken cancellationToken)
    {
        if (_publicBaseUrl is not null)
        {
            return null;
        }

        try
        {
            await EnsureContainerAsync(cancellationToken);
            var policy = await _container.GetAccessPolicyAsync(cancellationToken: cancellationToken);
            return policy.Value.BlobPublicAccess != PublicAccessType.None
                ? null
                : $"container '{_container.Name}' does not allow anonymous reads (the storage account forbids public access, or the container was made private), "
                  + "so listeners cannot fetch the blob URLs this service hands out. Set Storage:Blob:PublicBaseUrl to a CDN (or proxy) that reads the container; "
                  + "this service does not hand out SAS URLs";
        }
        catch (RequestFailedException)
        {
            // A credential scoped to blobs may not read the container's policy; nothing to tell then.
            return null;
        }
    }

    /// <summary>A block blob is committed whole or not at all: an interrupted upload leaves nothing to remove.</summary>
    public Task<int> RemoveAbandonedAsync(TimeSpan olderThan, CancellationToken cancellationToken) => Task.FromResult(0);

    public async IAsyncEnumerable<StorageKey> ListAudioAsync(TimeSpan olderThan, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var before = DateTimeOffset.UtcNow - olderThan;
        var pages = _container.GetBlobsAsync(new GetBlobsOptions { Prefix = "audio/" }, cancellationToken).AsPages().GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                Page<BlobItem> page;
                try
                {
                    if (!await pages.MoveNextAsync())
                    {
                        yield break;
                    }

                    page = pages.Current;
                }
                catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
                {
                    // Nothing stored yet.
                    yield break;
                }
                catch (Exception e) when (IsOutage(e, cancellationToken))
                {
                    throw new StorageUnavailableException($"blob container {_container.Uri} could not be listed: {e.Message}", e);
                }

                foreach (var blob in page.Values)
                {
                    if (StorageKey.TryParse(blob.Name, out var key) && blob.Properties.LastModified is { } written && written < before)
                    {
                        yield return key;
                    }
                }
            }
        }
        finally
        {
            await pages.DisposeAsync();
        }
    }

    /// <summary>
    /// Asks for the properties of a blob that is never written: "not there" proves the account answers and
    /// takes the credential; nothing is created, not even the container.
    /// </summary>
    public async Task CheckReadableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _container.GetBlobClient("health/readiness.probe").ExistsAsync(cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // After retries the SDK throws an AggregateException, and a network timeout a TaskCanceledException,
            // so any failure not asked for by the caller is the store's.
            var reason = e is RequestFailedException { Status: > 0 } failed ? $"{failed.Status} {failed.ErrorCode}" : e.Message;
            throw new InvalidOperationException($"blob container {_container.Uri} cannot be read: {reason}", e);
        }
    }

    // 409 BlobAlreadyExists is the answer to If-None-Match: * on an existing blob; a 412 can mean nothing
    // else either, as that is the only condition sent.
    private static bool IsAlreadyThere(RequestFailedException e) =>
        e.Status is 409 or 412
        && (e.ErrorCode == BlobErrorCode.BlobAlreadyExists || e.ErrorCode == BlobErrorCode.ConditionNotMet);

    /// <summary>
    /// A failure of the service rather than of the request or of the local disk: after the SDK's retries it
    /// throws an AggregateException, a refused connection a RequestFailedException with status 0, a network
    /// timeout a TaskCanceledException the caller did not ask for.
    /// </summary>
    private static bool IsOutage(Exception e, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && e is AggregateException or OperationCanceledException or RequestFailedException { Status: 0 or 408 or 429 or >= 500 };

    private StorageUnavailableException Unavailable(string verb, StorageKey key, Exception e)
    {
        var reason = e is RequestFailedException { Status: > 0 } failed ? $"{failed.Status} {failed.ErrorCode}" : (e.InnerException ?? e).Message;
        return new StorageUnavailableException($"the audio store (blob container {_container.Uri}) is unavailable: {key.Value} could not be {verb}: {reason}", e);
    }

    private static BlobContainerClient ContainerFor(BlobStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new BlobContainerClient(options.ConnectionString, options.Container);
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(options.ServiceUri);
        return new BlobContainerClient(new Uri($"{options.ServiceUri.TrimEnd('/')}/{options.Container}"), new Azure.Identity.DefaultAzureCredential());
    }

    /// <summary>Creates the container on first use; a failed attempt is retried by the next caller.</summary>
    private Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        Task ready;
        lock (_gate)
        {
            if (_containerReady is null || _containerReady.IsFaulted || _containerReady.IsCanceled)
            {
                // Not tied to one caller's token: the creation is shared by everyone waiting on it.
                _containerReady = CreateContainerAsync();
            }

            ready = _containerReady;
        }

        return ready.WaitAsync(cancellationToken);
    }

    private async Task CreateContainerAsync()
    {
        try
        {
            // Listeners fetch MP3s straight from the container unless a CDN (PublicBaseUrl) fronts it,
            // so a container we create allows anonymous reads of single blobs (never listing).
            await _container.CreateIfNotExistsAsync(_publicBaseUrl is null ? PublicAccessType.Blob : PublicAccessType.None);
        }
        catch (RequestFailedException e) when (e.Status == 409 && _publicBaseUrl is null)
        {
            // The account forbids public access: create it private; the operator must put a CDN in front (PublicBaseUrl).
            await _container.CreateIfNotExistsAsync(PublicAccessType.None);
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            // A credential scoped to the container (SAS, data role) may not create it; the container is then
            // assumed to exist, and if it does not the first real request says so.
        }
    }
}
