using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using RoyaAudio.Editions;

namespace RoyaAudio.Text;

/// <summary>
/// Recognises paragraphs that are page furniture even when they arrive as plain text: gallery labels,
/// dates, the player's own label and AI note, bare numbers. Every edition's furniture counts on every page,
/// because a page copied whole can carry another edition's header.
/// </summary>
public static class PageChromeFilter
{
    private static readonly Regex DefaultChrome = ChromeLine(EditionRegistry.Default);

    // One compiled expression per registry, kept as long as the registry is.
    private static readonly ConditionalWeakTable<EditionRegistry, Regex> OtherChrome = [];

    public static bool IsChrome(string paragraph) => IsChrome(paragraph, DefaultChrome);

    /// <summary>Whether <paramref name="paragraph"/> is furniture of a page of any of <paramref name="editions"/>.</summary>
    public static bool IsChrome(string paragraph, EditionRegistry editions) =>
        IsChrome(paragraph, editions == EditionRegistry.Default ? DefaultChrome : OtherChrome.GetValue(editions, ChromeLine));

    private static bool IsChrome(string paragraph, Regex chrome)
    {
        var text = paragraph.Trim();
        return text.Length == 0 || chrome.IsMatch(text) || NoWordsAtAll(text);
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

    // One alternative per kind of furniture; anchored so a sentence that merely mentions a gallery stays. Bylines
    // and clock times share their shape across editions; only the words that open a byline differ.
    private static Regex ChromeLine(EditionRegistry editions)
    {
        // Each edition's line in a group of its own, closed on the next line, so nothing it holds leaks into the others.
        List<string> alternatives = [.. editions.All.SelectMany(edition => edition.Furniture.Lines).Select(line => $"(?:{line}\n)")];
        var bylines = editions.All.SelectMany(edition => edition.Furniture.Bylines).Select(Regex.Escape).ToList();
        if (bylines.Count > 0)
        {
            alternatives.Add($$"""(?-i:{{string.Join('|', bylines)}})\s+(?-i:\p{Lu}|\p{Lo})[\p{L}'\-]*(?:\s+(?:and\s+)?(?-i:\p{Lu}|\p{Lo})\.?[\p{L}'\-]*){0,5}""");
        }

        alternatives.Add("""\d{1,2}:\d{2}(?::\d{2})?\s*(?:/\s*\d{1,2}:\d{2}(?::\d{2})?)?""");
        return new Regex(
            $"^(?:\n  {string.Join("\n| ", alternatives)}\n)$",
            RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }
}
