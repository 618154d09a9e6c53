using System.Text.RegularExpressions;
using static RoyaAudio.Text.Numerals;

namespace RoyaAudio.Text;

/// <summary>
/// Money: "$3" is said "three dollars", "$5.50" "five dollars fifty", "JD 5" and "5 JD" "five Jordanian dinars",
/// "JD 1.25m" "one point two five million Jordanian dinars", "US$3bn" "three billion US dollars".
/// </summary>
internal static partial class EnglishMoney
{
    public static SpokenFormRule Rule { get; } = new(Money(), (match, _) =>
    {
        var currency = EnglishWords.Currencies[match.Groups["currency"].Value];
        var amount = Numerals.Read(match.Groups["amount"].ValueSpan);
        if (amount is not { } first)
        {
            return null;
        }

        var to = match.Groups["to"];
        var scale = match.Groups["scale"];
        if (scale.Success)
        {
            // "$3bn": the scale counts the currency, which is then always plural ("one million dollars").
            return $"{Quantity(first, match.Groups["amount"].Value, to)} {EnglishWords.Scales[scale.Value]} {currency.Many}";
        }

        if (to.Success)
        {
            return $"{Quantity(first, match.Groups["amount"].Value, to)} {currency.Many}";
        }

        if (currency.HasCents && first.Fraction.Length == 2 && !first.Negative)
        {
            var cents = int.Parse(first.Fraction, System.Globalization.CultureInfo.InvariantCulture);
            var units = $"{EnglishNumberWords.Cardinal(first.Whole)} {(first.Whole == 1 ? currency.One : currency.Many)}";
            return cents == 0 ? units : $"{units} {EnglishNumberWords.Cardinal(cents)}";
        }

        return $"{EnglishNumberWords.Number(first, match.Groups["amount"].Value, asYear: false)} {(first.IsOne ? currency.One : currency.Many)}";
    });

    /// <summary>The amount, or "ten to fifteen" for a range.</summary>
    private static string Quantity(WrittenNumber first, string written, Group to)
    {
        var said = EnglishNumberWords.Number(first, written, asYear: false);
        return to.Success && Numerals.Read(to.ValueSpan) is { } last
            ? $"{said} to {EnglishNumberWords.Number(last, to.Value, asYear: false)}"
            : said;
    }

    private const string Amount = $@"(?<amount>{Minus}?{Number})(?:{RangeDash}(?<to>{Number}))?";

    // Glued scales ("3bn", "1.25m") and scale words ("4.5 billion"); the glued "m" is million here, never metres.
    private const string Scale = @"(?:(?<scale>k|m|mn|bn|tn)|\s(?<scale>thousand|million|billion|trillion))(?!\p{L})";

    [GeneratedRegex(
        $@"(?<![\p{{L}}\p{{N}}])(?:(?<currency>{EnglishWords.CurrencyBefore})\s?{Amount}(?:{Scale})?(?!\p{{L}}|\p{{N}}|[.,]\p{{N}})|{Amount}(?:{Scale})?\s?(?<currency>{EnglishWords.CurrencyAfter})(?![\p{{L}}\p{{N}}]))",
        RegexOptions.CultureInvariant)]
    private static partial Regex Money();
}
