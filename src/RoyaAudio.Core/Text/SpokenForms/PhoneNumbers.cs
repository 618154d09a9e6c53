using System.Text;
using System.Text.RegularExpressions;

namespace RoyaAudio.Text;

/// <summary>
/// Phone numbers, said digit by digit: "+962 6 555 1234", "06 555 1234", "0791234567". Numbers with a leading zero
/// that are too short for a phone ("007") are the number rules' to read.
/// </summary>
internal static partial class PhoneNumbers
{
    // The shortest local number in the region is a landline without its area code: seven digits plus "0" and the area.
    private const int ShortestLocal = 9;
    private const int ShortestInternational = 8;

    /// <param name="digits">The edition's names of the digits 0–9.</param>
    /// <param name="plus">The edition's word for the "+" of an international number.</param>
    public static SpokenFormRule Rule(IReadOnlyList<string> digits, string plus) => new(Phone(), (match, _) =>
    {
        var international = match.ValueSpan[0] == '+';
        var count = Numerals.CountDigits(match.ValueSpan);
        if (count < (international ? ShortestInternational : ShortestLocal))
        {
            return null;
        }

        var said = new StringBuilder(count * 7);
        if (international)
        {
            said.Append(plus);
        }

        foreach (var digit in Numerals.DigitsOf(match.Value))
        {
            if (said.Length > 0)
            {
                said.Append(' ');
            }

            said.Append(digits[digit]);
        }

        return said.ToString();
    });

    [GeneratedRegex(
        $@"(?<![\p{{L}}\p{{N}}+.,])(?:\+\s?{Numerals.Digit}{{1,3}}(?:[ -]?{Numerals.Digit}{{1,4}}){{2,5}}|[0٠۰]{Numerals.Digit}{{1,3}}(?:[ -]{Numerals.Digit}{{2,4}}){{1,4}}|[0٠۰]{Numerals.Digit}{{8,11}}){Numerals.Ends}",
        RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
}
