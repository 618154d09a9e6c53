using System.ComponentModel.DataAnnotations;
using RoyaAudio.Editions;

namespace RoyaAudio.Articles;

/// <summary>Who publishes the audio and how it is disclosed to listeners, per edition.</summary>
public sealed class PublicationOptions
{
    public const string Section = "Publication";

    private readonly string _fallback;

    public PublicationOptions()
        : this(EditionRegistry.Default)
    {
    }

    /// <summary>Options whose disclosures start as <paramref name="editions"/> word them.</summary>
    public PublicationOptions(EditionRegistry editions)
    {
        ArgumentNullException.ThrowIfNull(editions);
        Disclosure = editions.All.ToDictionary(edition => edition.Code, edition => edition.Disclosure);
        _fallback = editions.Fallback.Code;
    }

    /// <summary>The publication's name; it goes into the MP3's artist tag.</summary>
    [Required(ErrorMessage = "Publication:Name is required: the newsroom's name, written into every MP3's artist tag")]
    public string Name { get; set; } = "Roya News";

    /// <summary>The AI disclosure shown under the player and written into each MP3, per language.</summary>
    public Dictionary<string, string> Disclosure { get; set; }

    public string DisclosureFor(string language) =>
        Disclosure.TryGetValue(language, out var text) ? text : Disclosure[_fallback];
}
