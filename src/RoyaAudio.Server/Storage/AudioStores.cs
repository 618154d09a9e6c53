using Microsoft.Extensions.Options;

namespace RoyaAudio.Server.Storage;

/// <summary>Builds the configured store; a relative disk path is taken from the content root.</summary>
public static class AudioStores
{
    public static IAudioStore Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (options.UsesBlob)
        {
            return new BlobAudioStore(options.Blob);
        }

        var root = Path.Combine(services.GetRequiredService<IHostEnvironment>().ContentRootPath, options.Disk.Path);
        return new DiskAudioStore(root);
    }
}
