namespace RoyaAudio.Text;

/// <summary>One edition's words for the sentence splitter: abbreviations, and the capitalised words around them that tip a period one way or the other.</summary>
public sealed class SplitterRules
{
    private Abbreviations? _lookup;

    /// <summary>Abbreviations by how their final period behaves, lower case and without that period ("e.g", "mr").</summary>
    public IReadOnlyDictionary<AbbreviationKind, IReadOnlyList<string>> Abbreviations { get; init; } =
        new Dictionary<AbbreviationKind, IReadOnlyList<string>>();

    /// <summary>
    /// Capitalised words that typically open a sentence; after an ambiguous abbreviation ("U.S.", "Co.", an
    /// initial) they tip the balance towards a boundary, whereas a proper noun ("U.S. Senate") does not.
    /// </summary>
    public IReadOnlyList<string> SentenceStarters { get; init; } = [];

    /// <summary>Capitalised words that continue a clock time ("at 8 p.m. Tuesday", "5 p.m. GMT") rather than start a sentence.</summary>
    public IReadOnlyList<string> TimeFollowers { get; init; } = [];

    /// <summary>Prepositions that open a time phrase ("At 5 a.m.", "By 6 p.m."), which cannot be a sentence on its own.</summary>
    public IReadOnlyList<string> TimePrepositions { get; init; } = [];

    /// <summary>
    /// Whether "؛", "،" and ":" end a segment too: Arabic copy runs long sentences together with them, and
    /// speech sounds better cut there.
    /// </summary>
    public bool EndsAtClausePunctuation { get; init; }

    /// <summary>
    /// Other editions' rules whose words this edition's copy quotes as they are (Latin-script titles in Arabic
    /// copy, Arabic titles in English copy). Only their own words are taken, and this edition's win.
    /// </summary>
    public IReadOnlyList<SplitterRules> Borrowed { get; init; } = [];

    /// <summary>These rules, also reading the words of <paramref name="others"/>.</summary>
    public SplitterRules Borrowing(params IReadOnlyList<SplitterRules> others) => new()
    {
        Abbreviations = Abbreviations,
        SentenceStarters = SentenceStarters,
        TimeFollowers = TimeFollowers,
        TimePrepositions = TimePrepositions,
        EndsAtClausePunctuation = EndsAtClausePunctuation,
        Borrowed = [.. Borrowed, .. others],
    };

    // Built on first use and kept: the splitter runs once per paragraph of every article. A race builds it twice, harmlessly.
    internal Abbreviations Lookup => _lookup ??= new Abbreviations(this);
}
