using System.ComponentModel.DataAnnotations;

namespace RoyaAudio.Server.Listening;

/// <summary>Section <c>Feeds</c>: what the podcast feeds say about the newsroom.</summary>
public sealed class FeedOptions : IValidatableObject
{
    public const string Section = "Feeds";

    /// <summary>The newsroom's home page, the channel's <c>&lt;link&gt;</c> (e.g. https://en.roya.tv/); the service's own address when unset.</summary>
    public string? SiteUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(SiteUrl)
            && !(Uri.TryCreate(SiteUrl.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return new ValidationResult($"Feeds:SiteUrl '{SiteUrl}' is not an http(s) address: write the newsroom's home page, like https://www.example.org/", [nameof(SiteUrl)]);
        }
    }
}
