using System.Text;
using System.Text.RegularExpressions;
using static RoyaAudio.Text.Numerals;

namespace RoyaAudio.Text;

/// <summary>
/// Units and percentages after a number: "5 km" is said "five kilometres", "1 km" "one kilometre", "40 km/h" "forty
/// kilometres per hour", "35°C" "thirty-five degrees Celsius", "3.5%" "three point five percent", "10-15%" "ten to
/// fifteen percent".
/// </summary>
internal static partial class EnglishUnits
{
    public static SpokenFormRule Rule { get; } = new(Measure(), (match, _) =>
    {
        var unit = match.Groups["unit"].Value;
        // "10m" is ten million (the money and number rules read it); only "10 m" is metres.
        if (unit == "m" && match.Groups["space"].Length == 0)
        {
            return null;
        }

        if (Numerals.Read(match.Groups["amount"].ValueSpan) is not { } amount)
        {
            return null;
        }

        var said = new StringBuilder(EnglishNumberWords.Number(amount, match.Groups["amount"].Value, asYear: false));
        var to = match.Groups["to"];
        if (to.Success && Numerals.Read(to.ValueSpan) is { } last)
        {
            said.Append(" to ").Append(EnglishNumberWords.Number(last, to.Value, asYear: false));
        }

        if (unit == "%")
        {
            return said.Append(" percent").ToString();
        }

        var name = EnglishWords.Units[Key(unit)];
        return said.Append(' ').Append(amount.IsOne && !to.Success ? name.One : name.Many).ToString();
    });

    private static string Key(string unit)
    {
        var key = new StringBuilder(unit.Length);
        foreach (var c in unit)
        {
            if (c is not (' ' or '.'))
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    [GeneratedRegex(
        $@"(?<![\p{{L}}\p{{N}}.,])(?<amount>{Minus}?{Number})(?:{RangeDash}(?<to>{Number}))?(?<space>\s?)(?<unit>%|{EnglishWords.UnitPattern})(?![\p{{L}}\p{{N}}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Measure();
}
