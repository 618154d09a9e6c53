using System.Collections.Frozen;

namespace RoyaAudio.Text;

/// <summary>How a period after a known abbreviation behaves.</summary>
public enum AbbreviationKind
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

/// <summary>An edition's splitter words, looked up by span so no strings are allocated.</summary>
internal sealed class Abbreviations
{
    private readonly FrozenDictionary<string, AbbreviationKind>.AlternateLookup<ReadOnlySpan<char>> _known;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _starters;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _timeFollowers;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _timePrepositions;

    public Abbreviations(SplitterRules rules)
    {
        SplitterRules[] all = [rules, .. rules.Borrowed];
        var known = new Dictionary<string, AbbreviationKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in all)
        {
            foreach (var (kind, words) in source.Abbreviations)
            {
                foreach (var word in words)
                {
                    // The edition's own words come first and win over borrowed ones.
                    known.TryAdd(word, kind);
                }
            }
        }

        _known = known.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _starters = Set(all.SelectMany(source => source.SentenceStarters));
        _timeFollowers = Set(all.SelectMany(source => source.TimeFollowers));
        _timePrepositions = Set(all.SelectMany(source => source.TimePrepositions));
    }

    /// <summary>Looks up <paramref name="word"/> (the text before the final period, without the period).</summary>
    public AbbreviationKind Classify(ReadOnlySpan<char> word) =>
        _known.TryGetValue(word, out var kind) ? kind : AbbreviationKind.None;

    public bool IsSentenceStarter(ReadOnlySpan<char> word) => _starters.Contains(word);

    public bool IsTimeFollower(ReadOnlySpan<char> word) => _timeFollowers.Contains(word);

    public bool IsTimePreposition(ReadOnlySpan<char> word) => _timePrepositions.Contains(word);

    private static FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Set(IEnumerable<string> words) =>
        words.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
}
