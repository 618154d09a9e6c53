using System.Text.RegularExpressions;

namespace RoyaAudio.Text;

/// <summary>
/// Recognises paragraphs that are page furniture even when they arrive as plain text: gallery labels,
/// dates, the player's own label and AI note, bare numbers. English and Arabic editions.
/// </summary>
public static partial class PageChromeFilter
{
    public static bool IsChrome(string paragraph)
    {
        var text = paragraph.Trim();
        return text.Length == 0 || ChromeLine().IsMatch(text) || NoWordsAtAll(text);
    }

    /// <summary>
    /// When the body repeats the title (a page copied whole, or a CMS that puts the headline in the body),
    /// what comes before it is the page header and the heading itself would be read twice.
    /// Returns the index of the first paragraph after the repeated title, or 0.
    /// </summary>
    public static int StoryStartAfterRepeatedTitle(IReadOnlyList<string> paragraphs, string title)
    {
        var wanted = Comparable(title);
        if (wanted.Length == 0)
        {
            return 0;
        }

        // Only the page's head is searched: a quote of the headline deep in the story is story.
        var limit = Math.Min(paragraphs.Count, 12);
        for (var i = 0; i < limit; i++)
        {
            if (Comparable(paragraphs[i]) == wanted)
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static string Comparable(string text)
    {
        Span<char> buffer = text.Length <= 1024 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }

    private static bool NoWordsAtAll(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    // One alternative per kind of furniture; anchored so a sentence that merely mentions a gallery stays.
    [GeneratedRegex(
        """
        ^(?:
            (?:image|photo|picture|video)\s+\d+\s+(?:from|of)\s+(?:the\s+)?gallery
          | (?:صورة|الصورة)\s*\d+\s*(?:من|في)\s*(?:المعرض|معرض\s+الصور)
          | listen\s+to\s+(?:this|the)\s+(?:story|article)\s*:?
          | (?:استمع|استمعوا)\s+(?:إلى|الى|لهذا)\s*.{0,20}:?
          | (?:note\s*:\s*)?ai\s+technology\s+was\s+used\s+to\s+generate\s+this\s+article.{0,3}s\s+audio\.?
          | (?:ملاحظة\s*:\s*)?(?:تم\s+)?استخدام\s+تقنية\s+الذكاء\s+الاصطناعي.{0,60}
          | (?:published|last\s+updated|updated|posted)\s*(?::.{0,40}|on\s+[^.]{0,30}\d[^.]{0,10}|\|)?
          | (?:نشر|تاريخ\s+النشر|آخر\s+تحديث|اخر\s+تحديث)\s*(?::.{0,40}|\|)?
          | \d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?)\s+ago\s*\|?
          | (?:share|share\s+this|follow\s+us(?:\s+on\s+[\p{L}\s,&]{1,40})?|read\s+more|advertisement|related(?:\s+articles|\s+news)?)\s*:?
          | (?-i:By|BY|بقلم)\s+(?-i:\p{Lu}|\p{Lo})[\p{L}'\-]*(?:\s+(?:and\s+)?(?-i:\p{Lu}|\p{Lo})\.?[\p{L}'\-]*){0,5}
          | \d{1,2}:\d{2}(?::\d{2})?\s*(?:/\s*\d{1,2}:\d{2}(?::\d{2})?)?
        )$
        """,
        RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex ChromeLine();
}
