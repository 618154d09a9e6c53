using System.Text.RegularExpressions;
using static RoyaAudio.Text.Numerals;

namespace RoyaAudio.Text;

/// <summary>
/// Dates: "21/3/2026", "2026-03-21" and "21 March 2026" are said "the twenty-first of March twenty twenty-six";
/// "March 21, 2026" "March the twenty-first, twenty twenty-six". Numeric dates are day first, as the newsroom writes.
/// </summary>
internal static partial class EnglishDates
{
    public static SpokenFormRule Numeric { get; } = new(NumericDate(), (match, _) =>
    {
        if (!TryDate(match, out var day, out var month, out var year))
        {
            return null;
        }

        return $"the {EnglishNumberWords.Ordinal(day)} of {EnglishWords.Months[month - 1]} {YearWords(year)}";
    });

    public static SpokenFormRule DayMonth { get; } = new(DayThenMonth(), (match, sentence) =>
    {
        var day = (int)Numerals.Read(match.Groups["day"].ValueSpan)!.Value.Whole;
        if (day is < 1 or > 31)
        {
            return null;
        }

        var said = $"the {EnglishNumberWords.Ordinal(day)} of {Month(match)}";
        return match.Groups["year"].Success ? $"{said} {YearWords((int)Numerals.Read(match.Groups["year"].ValueSpan)!.Value.Whole)}" : said + KeptPeriod(match, sentence);
    });

    public static SpokenFormRule MonthDay { get; } = new(MonthThenDay(), (match, _) =>
    {
        var day = (int)Numerals.Read(match.Groups["day"].ValueSpan)!.Value.Whole;
        if (day is < 1 or > 31)
        {
            return null;
        }

        var said = $"{Month(match)} the {EnglishNumberWords.Ordinal(day)}";
        return match.Groups["year"].Success
            ? $"{said}{match.Groups["comma"].Value} {YearWords((int)Numerals.Read(match.Groups["year"].ValueSpan)!.Value.Whole)}"
            : said;
    });

    internal static bool TryDate(Match match, out int day, out int month, out int year)
    {
        day = (int)Numerals.Read(match.Groups["day"].ValueSpan)!.Value.Whole;
        month = (int)Numerals.Read(match.Groups["month"].ValueSpan)!.Value.Whole;
        year = (int)Numerals.Read(match.Groups["year"].ValueSpan)!.Value.Whole;
        return day is >= 1 and <= 31 && month is >= 1 and <= 12;
    }

    private static string YearWords(int year) =>
        year is >= 1100 and <= 2099 ? EnglishNumberWords.Year(year) : EnglishNumberWords.Cardinal(year);

    private static string Month(Match match) => EnglishWords.MonthByWritten[match.Groups["month"].Value.TrimEnd('.')];

    /// <summary>"on 21 Mar." ends the sentence with the abbreviation's period, which must stay for the sentence to end.</summary>
    private static string KeptPeriod(Match match, string sentence) =>
        match.Value.EndsWith('.') && match.Index + match.Length == sentence.Length ? "." : string.Empty;

    [GeneratedRegex(
        $@"(?<![\p{{L}}\p{{N}}./-])(?:(?<day>{Digit}{{1,2}})(?<sep>[/.-])(?<month>{Digit}{{1,2}})\k<sep>(?<year>{Digit}{{4}})|(?<year>{Digit}{{4}})-(?<month>{Digit}{{1,2}})-(?<day>{Digit}{{1,2}})){Ends}",
        RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();

    [GeneratedRegex(
        $@"(?<![\p{{L}}\p{{N}}.,])(?<day>{Digit}{{1,2}})(?:st|nd|rd|th)?\s(?<month>{EnglishWords.MonthPattern})(?!\p{{L}})(?:,?\s(?<year>{Digit}{{4}}){Ends})?",
        RegexOptions.CultureInvariant)]
    private static partial Regex DayThenMonth();

    [GeneratedRegex(
        $@"(?<!\p{{L}})(?<month>{EnglishWords.MonthPattern})\s(?<day>{Digit}{{1,2}})(?:st|nd|rd|th)?(?:(?<comma>,)?\s(?<year>{Digit}{{4}}))?{Ends}",
        RegexOptions.CultureInvariant)]
    private static partial Regex MonthThenDay();
}
