using System.Buffers;

namespace RoyaAudio.Text;

/// <summary>
/// Directional marks, embeddings, overrides, isolates and other invisible format characters. Arabic copy
/// wraps punctuation in them ("د‪.‬"); in a title shown to listeners an override (U+202E) would reverse
/// what they read, so titles lose them as the transcript does.
/// </summary>
public static class FormatCharacters
{
    public static readonly SearchValues<char> All =
        SearchValues.Create("\u061C\u200B\u200C\u200D\u200E\u200F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\uFEFF");

    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAny(All))
        {
            return text;
        }

        return string.Create(text.Length - Count(text), text, (span, source) =>
        {
            var at = 0;
            foreach (var c in source)
            {
                if (!All.Contains(c))
                {
                    span[at++] = c;
                }
            }
        });
    }

    private static int Count(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (All.Contains(c))
            {
                count++;
            }
        }

        return count;
    }
}
