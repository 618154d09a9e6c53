using System.ComponentModel.DataAnnotations;

namespace RoyaAudio.Server.Storage;

/// <summary>Where renditions and shared units are kept (section Storage).</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public const string DiskProvider = "disk";

    public const string BlobProvider = "blob";

    /// <summary>"disk" (one machine, served by the service under /media/) or "blob" (Azure Blob Storage, served by Azure or a CDN).</summary>
    [Required(ErrorMessage = "Storage:Provider is required: disk or blob")]
    public string Provider { get; set; } = DiskProvider;

    public DiskStorageOptions Disk { get; set; } = new();

    public BlobStorageOptions Blob { get; set; } = new();

    /// <summary>
    /// How long a superseded file is kept before it is deleted: a listener who loaded the old page
    /// (or a CDN holding the old URL) still gets whole audio meanwhile.
    /// </summary>
    [Range(0, 525_600, ErrorMessage = "Storage:CollectAfterMinutes must be 0-525600 (up to a year); the default 1440 keeps superseded audio for a day")]
    public int CollectAfterMinutes { get; set; } = 1440;

    public bool UsesBlob => string.Equals(Provider, BlobProvider, StringComparison.OrdinalIgnoreCase);

    public bool UsesDisk => string.Equals(Provider, DiskProvider, StringComparison.OrdinalIgnoreCase);

    // The nested sections are checked here, because data annotations do not descend into them.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesDisk && !UsesBlob)
        {
            yield return new ValidationResult($"Storage:Provider must be disk or blob, not '{Provider}'", [nameof(Provider)]);
        }

        if (UsesDisk && string.IsNullOrWhiteSpace(Disk.Path))
        {
            yield return new ValidationResult(
                "Storage:Disk:Path is required when Storage:Provider is disk: the media folder (relative paths are under the content root)",
                ["Disk.Path"]);
        }

        if (!UsesBlob)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(Blob.ConnectionString) && string.IsNullOrWhiteSpace(Blob.ServiceUri))
        {
            yield return new ValidationResult(
                "Storage:Blob needs a way in when Storage:Provider is blob: set Storage__Blob__ConnectionString in the environment, "
                + "or Storage:Blob:ServiceUri (https://ACCOUNT.blob.core.windows.net) to sign in with a managed identity",
                ["Blob.ConnectionString"]);
        }

        if (!string.IsNullOrWhiteSpace(Blob.ServiceUri)
            && !(Uri.TryCreate(Blob.ServiceUri, UriKind.Absolute, out var service) && service.Scheme is "https" or "http"))
        {
            yield return new ValidationResult(
                $"Storage:Blob:ServiceUri '{Blob.ServiceUri}' is not the account's blob address: write it like https://ACCOUNT.blob.core.windows.net",
                ["Blob.ServiceUri"]);
        }

        if (!BlobStorageOptions.IsContainerName(Blob.Container))
        {
            yield return new ValidationResult(
                $"Storage:Blob:Container '{Blob.Container}' is not a container name: 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit",
                ["Blob.Container"]);
        }

        if (Blob.PublicBaseUrl is { Length: > 0 } baseUrl
            && !(Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult(
                $"Storage:Blob:PublicBaseUrl '{baseUrl}' must be an absolute http(s) URL, e.g. https://cdn.example.com/ (or leave it empty to hand out the blob's own URL)",
                ["Blob.PublicBaseUrl"]);
        }
    }
}

/// <summary>Section Storage:Disk.</summary>
public sealed class DiskStorageOptions
{
    /// <summary>The media folder; the caller resolves a relative path against the content root.</summary>
    public string Path { get; set; } = "data/media";
}

/// <summary>Section Storage:Blob.</summary>
public sealed class BlobStorageOptions
{
    /// <summary>A secret: never in appsettings, only from the environment (Storage__Blob__ConnectionString).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The account's blob address (https://ACCOUNT.blob.core.windows.net), used with <c>DefaultAzureCredential</c>
    /// (a managed identity, workload identity or the developer's sign-in) when no connection string is set.
    /// The identity needs the Storage Blob Data Contributor role on the container.
    /// </summary>
    public string? ServiceUri { get; set; }

    public string Container { get; set; } = "roya-audio";

    /// <summary>
    /// A CDN or public base URL in front of the container: listeners get this plus the key. When empty they
    /// get the blob's own URL, which needs anonymous read access on the container.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    internal static bool IsContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && char.IsAsciiLetterOrDigit(name[0])
        && char.IsAsciiLetterOrDigit(name[^1])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && !name.Contains("--", StringComparison.Ordinal);
}
