using System.Text.RegularExpressions;
using static RoyaAudio.Text.Numerals;


namespace RoyaAudio.Text;

/// <summary>
/// Numeric dates, day first: "21/3/2026", "2026-03-21" and "٢١/٣/٢٠٢٦" are said "الحادي والعشرين من آذار عام ألفين
/// وستة وعشرين". A date with its month written ("21 آذار 2026") keeps the month, and the number rules read the rest.
/// </summary>
internal static partial class ArabicDates
{
    public static SpokenFormRule Numeric { get; } = new(NumericDate(), (match, _) =>
    {
        if (!EnglishDates.TryDate(match, out var day, out var month, out var year))
        {
            return null;
        }

        return $"{ArabicNumberWords.Day(day)} من {ArabicWords.Months[month - 1]} عام {ArabicNumberWords.Year(year)}";
    });

    // As the English numeric dates, but a letter may be written onto the date ("و21/3/2026").
    [GeneratedRegex(
        $@"(?<![A-Za-z\p{{N}}./-])(?:(?<day>{Digit}{{1,2}})(?<sep>[/.-])(?<month>{Digit}{{1,2}})\k<sep>(?<year>{Digit}{{4}})|(?<year>{Digit}{{4}})-(?<month>{Digit}{{1,2}})-(?<day>{Digit}{{1,2}})){Ends}",
        RegexOptions.CultureInvariant)]
    private static partial Regex NumericDate();
}
