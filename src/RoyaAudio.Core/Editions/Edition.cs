using RoyaAudio.Text;

namespace RoyaAudio.Editions;

/// <summary>
/// Everything the service knows about one edition (language) of the newsroom: how its copy is split and
/// cleaned, what its player and feed say, and which voices read it. Each edition lives in its own file.
/// </summary>
public sealed record Edition
{
    /// <summary>The article language code the CMS sends ("en", "ar"); lower case.</summary>
    public required string Code { get; init; }

    /// <summary>The ISO 639-2 code ("eng", "ara"), which ID3's language frame takes.</summary>
    public required string Iso639_2 { get; init; }

    public required TextDirection Direction { get; init; }

    /// <summary>The edition's name in English, as the editors' desk shows it ("Arabic").</summary>
    public required string Name { get; init; }

    /// <summary>The edition's name in its own language, as listeners see it ("العربية").</summary>
    public required string NativeName { get; init; }

    /// <summary>What the player says in this edition, before any setting overrides a label.</summary>
    public required PlayerWording Player { get; init; }

    /// <summary>The AI disclosure shown under the player and written into each MP3, before any setting overrides it.</summary>
    public required string Disclosure { get; init; }

    public required EditionVoices Voices { get; init; }

    /// <summary>The edition's brand colours, in which its podcast's default cover art is drawn.</summary>
    public required EditionColours Colours { get; init; }

    /// <summary>Lines of this edition's pages that are furniture, not story.</summary>
    public required PageFurniture Furniture { get; init; }

    public required SplitterRules Splitting { get; init; }

    /// <summary>
    /// What a newsreader says for this edition's numbers, money, dates, units and titles; applied to what the voice
    /// reads, never to what listeners see. <see cref="Text.SpokenForms.None"/> reads the copy as written.
    /// </summary>
    public required SpokenForms SpokenForms { get; init; }

    /// <summary>"ltr" or "rtl", as HTML's dir attribute takes it.</summary>
    public string HtmlDirection => Direction == TextDirection.RightToLeft ? "rtl" : "ltr";

    /// <summary>The podcast feed's title: the publication, then the edition in its own words.</summary>
    public string FeedTitle(string publication) => $"{publication} ({NativeName})";
}
