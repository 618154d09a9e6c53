namespace RoyaAudio.Text;

/// <summary>The Arabic edition's house style for spoken forms, as the style guide gives it.</summary>
internal static class ArabicSpokenForms
{
    /// <summary>
    /// The rules in the order they win a tie. Arabic copy quotes Latin titles, ordinals and codes ("Dr.", "1st",
    /// "F-16"), which the English rules read.
    /// </summary>
    public static SpokenForms Rules { get; } = new(
    [
        EnglishTitles.Rule,
        ArabicTitles.Rule,
        PhoneNumbers.Rule(ArabicWords.Digits, "زائد"),
        ArabicDates.Numeric,
        ArabicTimes.Rule,
        ArabicMoney.Rule,
        ArabicUnits.Rule,
        EnglishNumbers.Ordinal,
        ArabicScores.Rule,
        ArabicNumbers.Range,
        EnglishCodes.Rule(CodeNumber, ArabicNumberWords.DigitByDigit),
        ArabicNumbers.Code,
        ArabicNumbers.Cardinal,
    ]);

    private static string CodeNumber(string digits) => ArabicNumberWords.Cardinal(Numerals.Read(digits)!.Value.Whole);
}
