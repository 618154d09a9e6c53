using System.Text;
using System.Text.RegularExpressions;

namespace RoyaAudio.Text;

/// <summary>Arabic titles before a name: "د." is said "الدكتور", "أ." "الأستاذ", "م." "المهندس", "أ.د." "الأستاذ الدكتور".</summary>
internal static partial class ArabicTitles
{
    public static SpokenFormRule Rule { get; } = new(Title(), (match, _) =>
    {
        var key = new StringBuilder(4);
        foreach (var c in match.Groups["title"].ValueSpan)
        {
            if (c != ' ')
            {
                key.Append(c);
            }
        }

        return ArabicWords.Titles.TryGetValue(key.ToString(), out var said) ? said + " " : null;
    }, NeedsDigits: false);

    // After a space or "و" ("وأ. محمد"), not after a number: "2026 م." is a year of the common era, "5 د." five minutes.
    [GeneratedRegex(
        @"(?:(?<![\p{L}\p{N}.])|(?<=(?<![\p{L}])و))(?<![\p{N}]\s?)(?<title>أ\.\s?د|د|أ|م)\.\s?(?=\p{IsArabic})",
        RegexOptions.CultureInvariant)]
    private static partial Regex Title();
}
