using System.Text.RegularExpressions;
using static RoyaAudio.Text.Numerals;

namespace RoyaAudio.Text;

/// <summary>
/// Money written with a symbol or code: "JD 5" and "5 JD" are said "خمسة دنانير أردنية", "$3" "ثلاثة دولارات",
/// "€20" "عشرون يورو", "$3bn" "ثلاثة مليارات دولار". Amounts with the currency in words ("5 دنانير") keep the words.
/// </summary>
internal static partial class ArabicMoney
{
    public static SpokenFormRule Rule { get; } = new(Money(), (match, sentence) =>
    {
        var currency = ArabicWords.Currencies[match.Groups["currency"].Value];
        var written = match.Groups["amount"].Value;
        if (Numerals.Read(written) is not { } amount)
        {
            return null;
        }

        var scale = match.Groups["scale"];
        var scaleWord = match.Groups["scaleWord"];
        var to = match.Groups["to"];
        if (to.Success && Numerals.Read(to.ValueSpan) is { } last)
        {
            // A range is counted by its last number: "من عشرة إلى خمسة عشر دولارا".
            var counted = scale.Success
                ? $"{ArabicNumberWords.Counted(last, to.Value, ArabicWords.Scales[scale.Value])} {currency.One}"
                : ArabicNumberWords.Counted(last, to.Value, currency);
            return $"{ArabicNumbers.From(sentence, match.Index)}{ArabicNumberWords.Number(amount, written)} إلى {counted}";
        }

        if (scale.Success)
        {
            // The scale counts the currency, which follows it in the genitive singular: "ثلاثة مليارات دولار".
            return $"{ArabicNumberWords.Counted(amount, written, ArabicWords.Scales[scale.Value])} {currency.One}";
        }

        if (scaleWord.Success)
        {
            return $"{ArabicNumberWords.Number(amount, written)} {scaleWord.Value} {currency.One}";
        }

        return ArabicNumberWords.Counted(amount, written, currency);
    });

    private const string Amount = $@"(?<amount>{Minus}?{Number})(?:{RangeDash}(?<to>{Number}))?";

    private const string Scale = @"(?:(?<scale>k|m|mn|bn|tn)|\s(?<scaleWord>ألف|آلاف|مليون|ملايين|مليار|مليارات|تريليون))(?!\p{L})";

    [GeneratedRegex(
        $@"(?:(?<![A-Za-z\p{{N}}])(?<currency>{ArabicWords.CurrencyBefore})\s?{Amount}(?:{Scale})?(?![\p{{L}}\p{{N}}]|[.,\u066B\u066C]\p{{N}})|(?<![\p{{N}}A-Za-z.,\u066B\u066C]){Amount}(?:{Scale})?\s?(?<currency>{ArabicWords.CurrencyAfter})(?![\p{{L}}\p{{N}}]))",
        RegexOptions.CultureInvariant)]
    private static partial Regex Money();
}
