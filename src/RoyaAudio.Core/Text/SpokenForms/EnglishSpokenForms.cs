namespace RoyaAudio.Text;

/// <summary>The English edition's house style for spoken forms, as the style guide gives it.</summary>
internal static class EnglishSpokenForms
{
    private static readonly string[] DigitNames = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    /// <summary>
    /// The rules in the order they win a tie (two matches starting at the same place): whole dates before their
    /// numbers, times and money before units, scores before ranges, and plain numbers last.
    /// </summary>
    public static SpokenForms Rules { get; } = new(
    [
        EnglishTitles.Rule,
        PhoneNumbers.Rule(DigitNames, "plus"),
        EnglishDates.Numeric,
        EnglishDates.DayMonth,
        EnglishDates.MonthDay,
        EnglishTimes.Rule,
        EnglishMoney.Rule,
        EnglishUnits.Rule,
        EnglishScores.Rule,
        EnglishNumbers.Decade,
        EnglishNumbers.Ordinal,
        EnglishNumbers.NumberSign,
        EnglishCodes.Rule(CodeNumber, EnglishNumberWords.DigitByDigit),
        EnglishNumbers.Fraction,
        EnglishNumbers.Range,
        EnglishNumbers.Cardinal,
    ]);

    private static string CodeNumber(string digits) => EnglishNumberWords.Cardinal(Numerals.Read(digits)!.Value.Whole);
}
