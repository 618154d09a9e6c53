using System.Text;

namespace RoyaAudio.Tests.Text;

/// <summary>
/// The style guide's comparison of what the service says with what a newsreader says: lower case; punctuation
/// dropped, an apostrophe inside a word kept; hyphens as spaces; runs of spaces as one; in Arabic also diacritics and
/// tatweel dropped, أ إ آ as ا, ى as ي, ة as ه, and a word ending ون or ان as ين.
/// </summary>
internal static class SaidAlike
{
    public static string Normalise(string text)
    {
        var lower = text.ToLowerInvariant();
        var kept = new StringBuilder(lower.Length);
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            switch (c)
            {
                case '-' or '‐' or '‑' or '–' or '—':
                    kept.Append(' ');
                    break;
                case '\'' or '’':
                    if (i > 0 && char.IsLetter(lower[i - 1]) && i + 1 < lower.Length && char.IsLetter(lower[i + 1]))
                    {
                        kept.Append('\'');
                    }

                    break;
                case >= '\u064B' and <= '\u065F' or '\u0670' or '\u0640':
                    break;
                case 'أ' or 'إ' or 'آ':
                    kept.Append('ا');
                    break;
                case 'ى':
                    kept.Append('ي');
                    break;
                case 'ة':
                    kept.Append('ه');
                    break;
                default:
                    if (char.IsWhiteSpace(c))
                    {
                        kept.Append(' ');
                    }
                    else if (!char.IsPunctuation(c) && !char.IsSymbol(c))
                    {
                        kept.Append(c);
                    }

                    break;
            }
        }

        var words = kept.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            // The rules do not parse the sentence, so a number word's case ending is not compared.
            if (words[i].Length > 2 && (words[i].EndsWith("ون", StringComparison.Ordinal) || words[i].EndsWith("ان", StringComparison.Ordinal)))
            {
                words[i] = words[i][..^2] + "ين";
            }
        }

        return string.Join(' ', words);
    }
}
