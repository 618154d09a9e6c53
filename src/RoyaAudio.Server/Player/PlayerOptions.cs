using System.ComponentModel.DataAnnotations;
using RoyaAudio.Editions;

namespace RoyaAudio.Server.Player;

/// <summary>Section <c>Player</c>: which article sites may use the player, and what it says in each language.</summary>
public sealed class PlayerOptions : IValidatableObject
{
    public const string Section = "Player";

    private readonly string _fallback;

    public PlayerOptions()
        : this(EditionRegistry.Default)
    {
    }

    /// <summary>Options whose labels start as <paramref name="editions"/> word them.</summary>
    public PlayerOptions(EditionRegistry editions)
    {
        ArgumentNullException.ThrowIfNull(editions);
        Labels = new(editions.All.ToDictionary(edition => edition.Code, PlayerLabels.For), StringComparer.OrdinalIgnoreCase);
        _fallback = editions.Fallback.Code;
    }

    /// <summary>
    /// Origins of the newsroom's article pages (e.g. https://www.example.org); CORS is refused for any other,
    /// and only they may frame <c>/embed/{id}</c> (any site may when the list is empty).
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Labels per article language, as the editions word them; an article in a language without its own uses the
    /// fallback edition's (<c>en</c>). A setting overrides one label.
    /// </summary>
    public Dictionary<string, PlayerLabels> Labels { get; set; }

    public PlayerLabels LabelsFor(string language) => Labels.TryGetValue(language, out var labels) ? labels : Labels[_fallback];

    /// <summary>The origin an entry names, or null when it is not a bare http(s) origin (a path or a wildcard would be silently ignored by CORS).</summary>
    public static string? OriginOf(string entry)
    {
        var trimmed = entry.Trim().TrimEnd('/');
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            && string.Equals(uri.GetLeftPart(UriPartial.Authority), trimmed, StringComparison.OrdinalIgnoreCase)
                ? uri.GetLeftPart(UriPartial.Authority)
                : null;
    }

    // Nested sections are checked here, because data annotations do not descend into them.
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < AllowedOrigins.Count; i++)
        {
            if (OriginOf(AllowedOrigins[i] ?? "") is null)
            {
                yield return new ValidationResult(
                    $"Player:AllowedOrigins:{i} '{AllowedOrigins[i]}' is not an origin: write scheme and host only, like https://www.example.org",
                    [nameof(AllowedOrigins)]);
            }
        }

        if (!Labels.ContainsKey(_fallback))
        {
            yield return new ValidationResult($"Player:Labels:{_fallback} is required: articles in languages without labels use it", [nameof(Labels)]);
        }

        foreach (var (language, labels) in Labels)
        {
            foreach (var (name, value) in labels.All())
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    yield return new ValidationResult($"Player:Labels:{language}:{name} is empty: every label of a language must be set", [nameof(Labels)]);
                }
            }

            if (labels.Months.Split(',') is not { Length: 12 } months || months.Any(string.IsNullOrWhiteSpace))
            {
                yield return new ValidationResult($"Player:Labels:{language}:Months must name the twelve months, January first, separated by commas", [nameof(Labels)]);
            }

            if (labels.Direction is not ("ltr" or "rtl" or ""))
            {
                yield return new ValidationResult($"Player:Labels:{language}:Direction must be ltr or rtl, not '{labels.Direction}'", [nameof(Labels)]);
            }
        }
    }
}
