namespace RoyaAudio.Synthesis;

/// <summary>
/// Cuts a sentence longer than one request allows into pieces that end where a reader would pause:
/// after a clause mark if there is one, else between words. Never inside a word.
/// </summary>
public static class ClauseCutter
{
    private const string ClauseMarks = ",;:،؛)—–";

    public static IReadOnlyList<string> Cut(string sentence, int limit)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 16);
        var pieces = new List<string>();
        var rest = sentence.Trim();
        while (rest.Length > limit)
        {
            var cut = LastBreak(rest, limit, clausesOnly: true);
            if (cut < limit / 3)
            {
                // A clause mark too early would leave tiny pieces; between words is better then.
                cut = Math.Max(cut, LastBreak(rest, limit, clausesOnly: false));
            }

            if (cut <= 0)
            {
                cut = limit; // one "word" longer than a request: nothing readable is lost by cutting it
            }

            pieces.Add(rest[..cut].TrimEnd());
            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            pieces.Add(rest);
        }

        return pieces;
    }

    /// <summary>Length of the longest prefix, at most <paramref name="limit"/>, that ends at a break.</summary>
    private static int LastBreak(string text, int limit, bool clausesOnly)
    {
        for (var i = Math.Min(limit, text.Length - 1); i > 0; i--)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                continue;
            }

            if (!clausesOnly || ClauseMarks.Contains(text[i - 1], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return 0;
    }
}
