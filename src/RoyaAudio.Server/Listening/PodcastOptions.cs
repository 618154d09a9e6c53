using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using RoyaAudio.Editions;

namespace RoyaAudio.Server.Listening;

/// <summary>
/// Section <c>Podcast</c>: what the podcast directories (Apple Podcasts, Spotify) are told about each edition's
/// show. Per edition, <c>Podcast:{edition}:ImageUrl</c> (e.g. <c>Podcast:ar:ImageUrl</c>) names its cover art.
/// </summary>
public sealed partial class PodcastOptions : IValidatableObject
{
    public const string Section = "Podcast";

    /// <summary>
    /// The address the directories write to about the show (Apple and Spotify send the ownership check there). When
    /// unset the feeds carry no <c>itunes:owner</c>: no address is made up, and a directory asks for one on submission.
    /// </summary>
    public string? OwnerEmail { get; set; }

    /// <summary>The owner's name beside <see cref="OwnerEmail"/>; the publication's name when unset.</summary>
    public string? OwnerName { get; set; }

    /// <summary>
    /// Starts every episode's guid ("{prefix}:{articleId}"). Podcast apps know an episode by its guid, so this is
    /// set once, before the feeds are submitted, and never changed: a new prefix makes every episode new again.
    /// </summary>
    public string GuidPrefix { get; set; } = "roya-audio";

    /// <summary>Each edition's cover art from <c>Podcast:{edition}:ImageUrl</c>; an edition without one gets the drawn default.</summary>
    public Dictionary<string, string?> ImageUrls { get; } = new(StringComparer.Ordinal);

    /// <summary>The edition's configured cover art, or null for the drawn default.</summary>
    public string? ImageUrlFor(string edition) =>
        ImageUrls.TryGetValue(edition, out var url) && !string.IsNullOrWhiteSpace(url) ? url.Trim() : null;

    /// <summary>Binds the section and each edition's own keys beneath it, and validates them at start-up.</summary>
    public static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        services.AddOptions<PodcastOptions>().Bind(section)
            .Configure(options =>
            {
                foreach (var edition in EditionRegistry.Default.All)
                {
                    options.ImageUrls[edition.Code] = section[$"{edition.Code}:ImageUrl"];
                }
            })
            .ValidateDataAnnotations().ValidateOnStart();
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (edition, url) in ImageUrls)
        {
            if (!string.IsNullOrWhiteSpace(url)
                && !(Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                yield return new ValidationResult(
                    $"Podcast:{edition}:ImageUrl '{url}' is not an http(s) address: write the full address of a square JPEG or PNG of 1400-3000 px, like https://www.example.org/podcast/{edition}.png, or leave it unset to serve the drawn default",
                    [nameof(ImageUrls)]);
            }
        }

        if (!string.IsNullOrWhiteSpace(OwnerEmail) && !Email().IsMatch(OwnerEmail.Trim()))
        {
            yield return new ValidationResult(
                $"Podcast:OwnerEmail '{OwnerEmail}' is not an e-mail address: write the newsroom address the podcast directories should write to, like podcasts@example.org",
                [nameof(OwnerEmail)]);
        }

        if (!GuidPrefixPattern().IsMatch(GuidPrefix ?? ""))
        {
            yield return new ValidationResult(
                $"Podcast:GuidPrefix '{GuidPrefix}' must be 1-64 letters, digits, '.' or '-' (like roya-audio); keep the one the feeds were first submitted with",
                [nameof(GuidPrefix)]);
        }
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+\z")]
    private static partial Regex Email();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.-]{0,63}\z")]
    private static partial Regex GuidPrefixPattern();
}
