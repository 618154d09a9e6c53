using System.Collections.Frozen;

namespace RoyaAudio.Text;

/// <summary>The words around a match that decide how it is read ("1500 tonnes" is no year; "won 2-1" is a score).</summary>
internal static class SentenceContext
{
    /// <summary>The word (letters, and "/" or "²" of units) starting after spaces from <paramref name="index"/>; empty if none.</summary>
    public static ReadOnlySpan<char> NextWord(string sentence, int index)
    {
        var start = index;
        while (start < sentence.Length && sentence[start] == ' ')
        {
            start++;
        }

        var end = start;
        while (end < sentence.Length && char.IsLetter(sentence[end]))
        {
            end++;
        }

        return sentence.AsSpan(start, end - start);
    }

    /// <summary>The letters-only word before <paramref name="index"/>, skipping spaces; empty if none.</summary>
    public static ReadOnlySpan<char> PreviousWord(string sentence, int index)
    {
        var end = index;
        while (end > 0 && sentence[end - 1] == ' ')
        {
            end--;
        }

        var start = end;
        while (start > 0 && char.IsLetter(sentence[start - 1]))
        {
            start--;
        }

        return sentence.AsSpan(start, end - start);
    }

    /// <summary>Whether any whole word of the sentence is in <paramref name="words"/>.</summary>
    public static bool HasAnyWord(string sentence, FrozenSet<string> words)
    {
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        var i = 0;
        while (i < sentence.Length)
        {
            if (!char.IsLetter(sentence[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < sentence.Length && char.IsLetter(sentence[i]))
            {
                i++;
            }

            if (lookup.Contains(sentence.AsSpan(start, i - start)))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsIn(ReadOnlySpan<char> word, FrozenSet<string> words) =>
        word.Length > 0 && words.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
}
