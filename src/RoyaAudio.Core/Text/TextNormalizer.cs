using System.Text;
using System.Text.RegularExpressions;

namespace RoyaAudio.Text;

/// <summary>
/// Rewrites what voices read badly into what they read well, without changing what is said:
/// odd spaces, invisible marks, smart quotes, bullets, runs of punctuation, URLs.
/// </summary>
public static partial class TextNormalizer
{
    private const string Bullets = "•◦▪▫‣⁃∙●○■□➢➤►▶✓✔–—-*·";

    public static bool StartsWithListMarker(string line)
    {
        var text = line.TrimStart();
        return text.Length > 1 && Bullets.Contains(text[0], StringComparison.Ordinal) && char.IsWhiteSpace(text[1])
            || text.Length > 0 && "•◦▪‣⁃●■➢➤►".Contains(text[0], StringComparison.Ordinal);
    }

    /// <summary>Normalises one paragraph. The result has single spaces and ends with sentence punctuation.</summary>
    public static string Normalize(string paragraph)
    {
        var text = CleanCharacters(paragraph);
        text = DetachedPrefixOrTatweel().Replace(text, string.Empty);
        text = LeadingBullet().Replace(text, string.Empty);
        text = Url().Replace(text, match => SpeakableUrl(match.Value));
        text = DashAsPause().Replace(text, ", ");
        text = RepeatedMarks().Replace(text, match => CollapseMarks(match.Value));
        text = Ellipsis().Replace(text, "...");
        text = SpaceBeforePunctuation().Replace(text, "$1");
        text = Spaces().Replace(text, " ").Trim();
        return EndAsSentence(text);
    }

    /// <summary>Spaces of every width become one plain space; invisible marks and control characters go.</summary>
    private static string CleanCharacters(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\u00A0' or '\u2007' or '\u202F' or '\u2009' or '\u200A' or '\u2002' or '\u2003' or '\u3000' or '\t' or '\n' or '\r':
                    builder.Append(' ');
                    break;
                case '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD'
                    or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C':
                    // Direction marks and zero-width characters carry no sound; '\u200C' (ZWNJ) shapes
                    // Persian script, not Arabic, so dropping it is safe for our editions.
                    break;
                case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u00AB' or '\u00BB' or '\u2033':
                    builder.Append('"');
                    break;
                case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u02BC':
                    builder.Append('\'');
                    break;
                case '\u2026':
                    builder.Append("...");
                    break;
                case '\u0640':
                    // Tatweel stretches Arabic letters for layout only; "بـ 2.1%" keeps it to find its prefix.
                    builder.Append('\u0640');
                    break;
                default:
                    if (!char.IsControl(c))
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>A listener needs the site, not the path: "https://www.example.com/a/b?c" is read "example.com".</summary>
    private static string SpeakableUrl(string url)
    {
        var trailing = string.Empty;
        while (url.Length > 0 && ".,;:!?)".Contains(url[^1], StringComparison.Ordinal))
        {
            trailing = url[^1] + trailing;
            url = url[..^1];
        }

        var host = url;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        var slash = host.IndexOfAny(['/', '?', '#']);
        if (slash >= 0)
        {
            host = host[..slash];
        }

        if (host.StartsWith("www.", StringComparison.OrdinalIgnoreCase))
        {
            host = host[4..];
        }

        return host + trailing;
    }

    private static string CollapseMarks(string run)
    {
        // "?!" keeps its surprise as "?"; any run of the same mark becomes one.
        if (run.Contains('?', StringComparison.Ordinal) || run.Contains('؟', StringComparison.Ordinal))
        {
            return run.Contains('؟', StringComparison.Ordinal) ? "؟" : "?";
        }

        return run[..1];
    }

    private static string EndAsSentence(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        // Headings and list items often lack a full stop; without one the voice runs them into the next line.
        var last = text[^1];
        if (".!?؟…:;؛\"')]»".Contains(last, StringComparison.Ordinal))
        {
            return text;
        }

        return text + ".";
    }

    /// <summary>A prefix written apart with a tatweel ("بـ 2.1%") belongs to the next word; other tatweels just go.</summary>
    [GeneratedRegex(@"(?:(?<=(?:^|\s)\p{L})\u0640+\s*)|\u0640+")]
    private static partial Regex DetachedPrefixOrTatweel();

    [GeneratedRegex(@"^\s*(?:[•◦▪▫‣⁃∙●○■□➢➤►▶✓✔·*]|[–—-](?=\s))\s*")]
    private static partial Regex LeadingBullet();

    [GeneratedRegex(@"\b(?:https?://|www\.)[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"\s+[–—]\s+|\s*—\s*|\s+--\s+|(?<=\p{L})\s+-\s+(?=\p{L})")]
    private static partial Regex DashAsPause();

    [GeneratedRegex(@"[!?؟]{2,}|!{2,}|,{2,}|;{2,}|،{2,}")]
    private static partial Regex RepeatedMarks();

    [GeneratedRegex(@"\.{4,}|(?:\.\s){2,}\.")]
    private static partial Regex Ellipsis();

    [GeneratedRegex(@"\s+([,;:!?،؛؟](?=\s|$))")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();
}
