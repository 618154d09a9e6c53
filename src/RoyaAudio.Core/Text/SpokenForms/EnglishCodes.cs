using System.Text;
using System.Text.RegularExpressions;
using static RoyaAudio.Text.Numerals;

namespace RoyaAudio.Text;

/// <summary>
/// Codes mixing capitals and digits: "RJ263" is said "R J two six three", "A320" "A three two zero", "COVID-19"
/// "COVID nineteen", "G7" "G seven", "5G" "five G". Short runs of capitals are spelled; longer ones are words.
/// </summary>
internal static partial class EnglishCodes
{
    // Up to three capitals are initials ("RJ", "MH"); four or more are read as a word ("COVID", "NATO").
    private const int LongestInitials = 3;

    // A flight or model number ("263", "320") is said digit by digit; a short one ("7", "19") as a number.
    private const int ShortestDigitByDigit = 3;

    /// <summary>The edition's words for the code's numbers; English and Arabic copy quote the same codes.</summary>
    public static SpokenFormRule Rule(Func<string, string> number, Func<string, string> digitByDigit) => new(Code(), (match, _) =>
    {
        var said = new StringBuilder(match.Length * 6);
        var text = match.ValueSpan;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (char.IsLetter(text[i]))
            {
                while (i < text.Length && char.IsLetter(text[i]))
                {
                    i++;
                }

                Separate(said);
                var letters = text[start..i];
                if (letters.Length <= LongestInitials && !letters.ContainsAnyInRange('a', 'z'))
                {
                    for (var k = 0; k < letters.Length; k++)
                    {
                        said.Append(k > 0 ? " " : string.Empty).Append(letters[k]);
                    }
                }
                else
                {
                    said.Append(letters);
                }
            }
            else if (Numerals.IsDigit(text[i]))
            {
                while (i < text.Length && Numerals.IsDigit(text[i]))
                {
                    i++;
                }

                var digits = text[start..i].ToString();
                Separate(said);
                said.Append(digits.Length >= ShortestDigitByDigit ? digitByDigit(digits) : number(digits));
            }
            else
            {
                // The hyphen of "COVID-19" is not said.
                i++;
            }
        }

        return said.ToString();
    });

    private static void Separate(StringBuilder said)
    {
        if (said.Length > 0)
        {
            said.Append(' ');
        }
    }

    // Capitals (or a capitalised word, "Covid-19") then digits, repeated ("H5N1"); or digits then capitals ("5G").
    [GeneratedRegex(
        $@"(?<![\p{{L}}\p{{N}}])(?:(?:[A-Z]+|[A-Z][a-z]+)-?{Digit}+(?:[A-Z]+{Digit}+)*[A-Z]*|{Digit}+[A-Z]{{1,3}})(?![\p{{L}}\p{{N}}]|[.,]\p{{N}})",
        RegexOptions.CultureInvariant)]
    private static partial Regex Code();
}
