using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace RoyaAudio.Text;

/// <summary>
/// An edition's house style for what a newsreader says where the copy has numbers, money, dates, units, titles
/// and codes: "3.5%" is said "three point five percent". Applied to what the voice reads, never to what listeners
/// and captions show.
/// </summary>
/// <remarks>
/// Each rule recognises one kind of written form. The sentence is read once from the left: at each point the rule
/// whose next match starts first says its words (on a tie, the rule listed first), and what it matched is never
/// looked at again, so no rule sees another's words. Rules that start earlier carry their context with them
/// ("JD 5", "March 21", "No. 5"), which is why the leftmost match is the right one.
/// </remarks>
public sealed class SpokenForms
{
    private readonly SpokenFormRule[] _rules;

    /// <summary>No rules: the text is read as written. For editions whose house style is not written yet.</summary>
    public static SpokenForms None { get; } = new([]);

    internal SpokenForms(IEnumerable<SpokenFormRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
    }

    /// <summary>The sentence as the voice should read it; the sentence itself when nothing in it needs saying otherwise.</summary>
    public string Apply(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        if (_rules.Length == 0 || sentence.Length == 0)
        {
            return sentence;
        }

        // Most sentences hold no digit, and then only the rules for words (titles) can match.
        var hasDigits = sentence.AsSpan().IndexOfAny(Numerals.Digits) >= 0;
        // Where each rule next matches, found without allocating; only the match that wins is made a Match.
        var pool = ArrayPool<int>.Shared;
        var next = pool.Rent(_rules.Length);
        try
        {
            for (var i = 0; i < _rules.Length; i++)
            {
                next[i] = hasDigits || !_rules[i].NeedsDigits ? NextIndex(_rules[i].Pattern, sentence, 0) : NoMatch;
            }

            StringBuilder? said = null;
            var copied = 0;
            while (true)
            {
                var first = -1;
                for (var i = 0; i < _rules.Length; i++)
                {
                    if (next[i] != NoMatch && (first < 0 || next[i] < next[first]))
                    {
                        first = i;
                    }
                }

                if (first < 0)
                {
                    break;
                }

                var rule = _rules[first];
                var chosen = rule.Pattern.Match(sentence, next[first]);
                var words = chosen.Success && chosen.Length > 0 ? rule.Say(chosen, sentence) : null;
                if (words is null)
                {
                    // The rule looked closer and the match is not its kind after all: it tries again further on.
                    next[first] = NextIndex(rule.Pattern, sentence, next[first] + 1);
                    continue;
                }

                said ??= new StringBuilder(sentence.Length + 64);
                said.Append(sentence, copied, chosen.Index - copied).Append(words);
                copied = chosen.Index + chosen.Length;
                for (var i = 0; i < _rules.Length; i++)
                {
                    if (next[i] != NoMatch && next[i] < copied)
                    {
                        next[i] = NextIndex(_rules[i].Pattern, sentence, copied);
                    }
                }
            }

            return said is null ? sentence : said.Append(sentence, copied, sentence.Length - copied).ToString();
        }
        finally
        {
            pool.Return(next);
        }
    }

    private const int NoMatch = -1;

    /// <summary>Where the pattern next matches from <paramref name="start"/>, or <see cref="NoMatch"/>; empty matches count as none.</summary>
    private static int NextIndex(Regex pattern, string sentence, int start)
    {
        if (start > sentence.Length)
        {
            return NoMatch;
        }

        foreach (var match in pattern.EnumerateMatches(sentence, start))
        {
            if (match.Length > 0)
            {
                return match.Index;
            }
        }

        return NoMatch;
    }
}

/// <summary>One kind of written form and what is said for it.</summary>
/// <param name="Pattern">Finds the written form; compiled once (generated).</param>
/// <param name="Say">
/// The words for a match, given the whole sentence for context; null when a closer look shows the match is not
/// this rule's kind (a score without a match report, a day that no month has).
/// </param>
/// <param name="NeedsDigits">False for rules that match words alone (titles), which run on every sentence.</param>
internal sealed record SpokenFormRule(Regex Pattern, Func<Match, string, string?> Say, bool NeedsDigits = true);
