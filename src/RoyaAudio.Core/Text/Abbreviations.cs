using System.Collections.Frozen;

namespace RoyaAudio.Text;

/// <summary>How a period after a known abbreviation behaves.</summary>
internal enum AbbreviationKind
{
    /// <summary>Not a known abbreviation.</summary>
    None,

    /// <summary>Titles and connectives (Mr., Dr., vs., e.g.): always followed by more of the same sentence.</summary>
    NeverEnds,

    /// <summary>No., p., Vol.: part of the sentence before a number; otherwise an ordinary word ("the answer is no.").</summary>
    BeforeNumber,

    /// <summary>Inc., Jr., Jan., U.S.: ends a sentence only when a typical sentence opener follows ("Co. It closed").</summary>
    EndsBeforeStarter,

    /// <summary>etc.: a common sentence ending, so any capitalised word after it starts a new sentence.</summary>
    EndsBeforeCapital,

    /// <summary>a.m./p.m.: like <see cref="EndsBeforeCapital"/>, except before a day, month or time zone.</summary>
    Time,
}

/// <summary>Word lists the sentence splitter consults, all looked up by span so no strings are allocated.</summary>
internal static class Abbreviations
{
    private static readonly FrozenDictionary<string, AbbreviationKind>.AlternateLookup<ReadOnlySpan<char>> Known =
        Build().ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    // Capitalised words that typically open a sentence; after an ambiguous abbreviation ("U.S.", "Co.", an
    // initial) they tip the balance towards a boundary, whereas a proper noun ("U.S. Senate") does not.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Starters = FrozenSet.Create(
        StringComparer.Ordinal,
        "A", "After", "Also", "An", "And", "As", "At", "Before", "Being", "But", "By", "Did", "Do", "Does", "During",
        "Each", "Even", "For", "From", "He", "Her", "Here", "His", "How", "However", "I", "If", "In", "Is", "It", "Its",
        "Last", "Meanwhile", "Millions", "More", "Most", "My", "No", "Not", "Now", "On", "One", "Our", "She", "Since",
        "So", "Some", "Still", "That", "The", "Their", "There", "These", "They", "This", "Those", "Thus", "To", "Under",
        "We", "What", "When", "Where", "Which", "While", "Who", "Why", "With", "Yet", "You", "Your")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    // Capitalised words that continue a clock time ("at 8 p.m. Tuesday", "5 p.m. GMT") rather than start a sentence.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TimeFollowers = FrozenSet.Create(
        StringComparer.Ordinal,
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
        "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "GMT", "UTC", "BST", "CET",
        "CEST", "Eastern", "Pacific", "Central")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    // Prepositions that open a time phrase ("At 5 a.m.", "By 6 p.m."), which cannot be a sentence on its own.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> TimePrepositions = FrozenSet.Create(
        StringComparer.Ordinal,
        "About", "After", "Around", "At", "Before", "Beginning", "By", "From", "Shortly", "Since", "Starting", "Till",
        "Until")
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Looks up <paramref name="word"/> (the text before the final period, without the period).</summary>
    public static AbbreviationKind Classify(ReadOnlySpan<char> word) =>
        Known.TryGetValue(word, out var kind) ? kind : AbbreviationKind.None;

    public static bool IsSentenceStarter(ReadOnlySpan<char> word) => Starters.Contains(word);

    public static bool IsTimeFollower(ReadOnlySpan<char> word) => TimeFollowers.Contains(word);

    public static bool IsTimePreposition(ReadOnlySpan<char> word) => TimePrepositions.Contains(word);

    private static IEnumerable<KeyValuePair<string, AbbreviationKind>> Build()
    {
        string[] neverEnds =
        [
            // English titles, which always precede a name.
            "mr", "mrs", "ms", "messrs", "mmes", "dr", "drs", "prof", "profs", "st", "sts", "mt", "gen", "sen", "sens",
            "rep", "reps", "gov", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj", "cpl", "pvt", "rev", "hon", "pres",
            "supt", "insp", "det", "amb", "atty", "msgr",
            // Connectives that sit mid-sentence.
            "vs", "v", "cf", "viz", "e.g", "i.e",
            // Arabic: "د." doctor, "أ." professor (ustadh).
            "د", "أ",
        ];
        string[] beforeNumber =
        [
            "no", "nos", "nr", "n°", "nº", "p", "pp", "vol", "vols", "fig", "figs", "art", "arts", "ch", "chap", "sec",
            "secs", "para", "op", "approx", "ca", "c", "est", "tel", "ext", "apt", "rm", "ste", "pt",
        ];
        string[] endsBeforeStarter =
        [
            "inc", "corp", "ltd", "co", "cos", "llc", "plc", "jr", "sr", "bros", "esq", "dept", "govt", "univ", "assn",
            "ave", "blvd", "rd", "hwy",
            // Months and weekdays, leaving out those that are also common words (May, Sat, Sun, Wed).
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
            "mon", "tue", "tues", "thu", "thur", "thurs", "fri",
            // US states as datelines write them, leaving out those that are also English words.
            "ariz", "calif", "colo", "conn", "fla", "ga", "ky", "md", "mich", "minn", "nev", "okla", "pa", "tenn", "va",
        ];

        foreach (var word in neverEnds)
        {
            yield return new(word, AbbreviationKind.NeverEnds);
        }

        foreach (var word in beforeNumber)
        {
            yield return new(word, AbbreviationKind.BeforeNumber);
        }

        foreach (var word in endsBeforeStarter)
        {
            yield return new(word, AbbreviationKind.EndsBeforeStarter);
        }

        yield return new("etc", AbbreviationKind.EndsBeforeCapital);
        yield return new("al", AbbreviationKind.EndsBeforeCapital); // "et al."
        yield return new("إلخ", AbbreviationKind.EndsBeforeCapital); // Arabic "etc."
        yield return new("ق.م", AbbreviationKind.EndsBeforeCapital); // Arabic "BC", usually after a year.
        yield return new("a.m", AbbreviationKind.Time);
        yield return new("p.m", AbbreviationKind.Time);
    }
}
