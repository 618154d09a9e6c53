using System.Text;
using System.Text.RegularExpressions;

namespace RoyaAudio.Text;

/// <summary>Titles before a name: "Gen." is said "General", "Lt. Col." "Lieutenant Colonel", "Dr Smith" "Doctor Smith".</summary>
internal static partial class EnglishTitles
{
    public static SpokenFormRule Rule { get; } = new(Title(), Say, NeedsDigits: false);

    private static string? Say(Match match, string sentence)
    {
        var key = new StringBuilder(8);
        foreach (var c in match.Groups["title"].ValueSpan)
        {
            if (char.IsLetter(c))
            {
                key.Append(c);
            }
        }

        return EnglishWords.Titles.TryGetValue(key.ToString(), out var said) ? said : null;
    }

    // Not inside a Latin word; Arabic copy may write a letter onto the title ("وGen. Jones").
    // A name follows: a capitalised word ("Gen Z" is no general) or an Arabic one, which has no capitals.
    private const string BeforeName = @"(?=\s+(?:\p{Lu}\p{Ll}|\p{Lo}))";

    [GeneratedRegex(
        $@"(?<![\p{{N}}.]|[\p{{L}}-[\p{{IsArabic}}]])(?:(?<title>(?:{EnglishWords.TitlePattern})\.)|(?<title>{EnglishWords.TitleWithoutPeriodPattern})){BeforeName}",
        RegexOptions.CultureInvariant)]
    private static partial Regex Title();
}
