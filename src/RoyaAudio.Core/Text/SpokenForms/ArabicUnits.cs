using System.Text.RegularExpressions;
using static RoyaAudio.Text.Numerals;

namespace RoyaAudio.Text;

/// <summary>
/// Units and percentages after a number, the unit in its counted form: "5 كم" is said "خمسة كيلومترات", "40 كم/ساعة"
/// "أربعون كيلومترا في الساعة", "35°C" "خمس وثلاثون درجة مئوية", "3.5%" "ثلاثة فاصلة خمسة بالمئة".
/// </summary>
internal static partial class ArabicUnits
{
    public static SpokenFormRule Rule { get; } = new(Measure(), (match, sentence) =>
    {
        var written = match.Groups["amount"].Value;
        if (Numerals.Read(written) is not { } amount)
        {
            return null;
        }

        var unitText = match.Groups["unit"].Value;
        var to = match.Groups["to"];
        var last = to.Success ? Numerals.Read(to.ValueSpan) : null;
        var from = last is null ? string.Empty : ArabicNumbers.From(sentence, match.Index);
        if (unitText is "%" or "٪")
        {
            var percent = ArabicNumberWords.Number(amount, written);
            return last is { } l ? $"{from}{percent} إلى {ArabicNumberWords.Number(l, to.Value)} بالمئة" : percent + " بالمئة";
        }

        // "2026 م" is a year of the common era, not metres.
        if (unitText == "م" && amount.LooksLikeYear)
        {
            return null;
        }

        var unit = ArabicWords.Units[unitText.Replace(" ", string.Empty, StringComparison.Ordinal)];
        var gender = unit.Feminine ? Humanizer.GrammaticalGender.Feminine : Humanizer.GrammaticalGender.Masculine;
        var said = last is { } end
            ? $"{from}{ArabicNumberWords.Number(amount, written, gender)} إلى {ArabicNumberWords.Counted(end, to.Value, unit)}"
            : ArabicNumberWords.Counted(amount, written, unit);
        return match.Groups["perHour"].Success ? said + " في الساعة" : said;
    });

    [GeneratedRegex(
        $@"(?<![\p{{N}}A-Za-z.,\u066B\u066C])(?<amount>{Minus}?{Number})(?:{RangeDash}(?<to>{Number}))?\s?(?<unit>%|٪|{ArabicWords.UnitPattern})(?<perHour>/(?:ساعة|س|h))?(?![\p{{L}}\p{{N}}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Measure();
}
