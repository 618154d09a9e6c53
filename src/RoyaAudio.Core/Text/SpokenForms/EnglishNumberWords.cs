using System.Text;
using Humanizer;

namespace RoyaAudio.Text;

/// <summary>
/// English number words as the newsroom says them: cardinals with "and" ("one hundred and five"), decimals digit by
/// digit after "point", years in pairs ("twenty twenty-six"). The words themselves come from Humanizer.
/// </summary>
internal static class EnglishNumberWords
{
    private static readonly string[] DigitNames = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

    /// <summary>"1250" → "one thousand two hundred and fifty"; "-4" → "minus four".</summary>
    public static string Cardinal(long value) => value.ToWords(NumberWordCulture.English);

    /// <summary>"21" → "twenty-first"; "102" → "one hundred and second".</summary>
    public static string Ordinal(long value)
    {
        if (value is < 0 or > int.MaxValue)
        {
            return Cardinal(value);
        }

        var words = ((int)value).ToOrdinalWords(NumberWordCulture.English);
        // Humanizer drops the leading "one" of round ordinals ("hundred and second", "thousandth").
        return words.StartsWith("hundred", StringComparison.Ordinal) || words.StartsWith("thousand", StringComparison.Ordinal)
            || words.StartsWith("million", StringComparison.Ordinal) || words.StartsWith("billion", StringComparison.Ordinal)
            ? "one " + words
            : words;
    }

    public static string Digit(int digit) => DigitNames[digit];

    /// <summary>Each digit by name: "0791" → "zero seven nine one".</summary>
    public static string DigitByDigit(string written)
    {
        var said = new StringBuilder(written.Length * 6);
        foreach (var digit in Numerals.DigitsOf(written))
        {
            if (said.Length > 0)
            {
                said.Append(' ');
            }

            said.Append(DigitNames[digit]);
        }

        return said.ToString();
    }

    /// <summary>
    /// A number as written: "3.5" → "three point five", "007" → "zero zero seven", "1999" → "nineteen ninety-nine"
    /// when <paramref name="asYear"/> and it looks like one.
    /// </summary>
    public static string Number(WrittenNumber number, string written, bool asYear)
    {
        if (number.LeadingZero && !number.HasFraction)
        {
            return (number.Negative ? "minus " : string.Empty) + DigitByDigit(written);
        }

        if (asYear && number.LooksLikeYear)
        {
            return Year((int)number.Whole);
        }

        var whole = Cardinal(number.Whole);
        var said = number.Negative ? "minus " + whole : whole;
        if (!number.HasFraction)
        {
            return said;
        }

        return said + " point " + DigitByDigit(number.Fraction);
    }

    /// <summary>
    /// "2026" → "twenty twenty-six", "2000" → "two thousand", "2005" → "two thousand and five", "1900" → "nineteen
    /// hundred", "1905" → "nineteen oh five".
    /// </summary>
    public static string Year(int year)
    {
        var century = year / 100;
        var rest = year % 100;
        if (year % 1000 == 0 || year is > 2000 and < 2010)
        {
            return Cardinal(year);
        }

        var first = Cardinal(century);
        return rest switch
        {
            0 => first + " hundred",
            < 10 => first + " oh " + DigitNames[rest],
            _ => first + " " + Cardinal(rest),
        };
    }

    /// <summary>"1990s" → "nineteen nineties"; "90s" → "nineties"; "2000s" → "two thousands".</summary>
    public static string Decade(int value)
    {
        if (value < 100)
        {
            return TensPlural(value);
        }

        if (value % 1000 == 0)
        {
            return Cardinal(value) + "s";
        }

        var first = Cardinal(value / 100);
        return value % 100 == 0 ? first + " hundreds" : first + " " + TensPlural(value % 100);
    }

    /// <summary>"90" → "nineties", "10" → "tens".</summary>
    private static string TensPlural(int tens)
    {
        var word = Cardinal(tens);
        return word.EndsWith('y') ? word[..^1] + "ies" : word + "s";
    }

    /// <summary>"1/2" → "one half", "3/4" → "three quarters", "2/3" → "two thirds".</summary>
    public static string Fraction(int numerator, int denominator)
    {
        var part = denominator switch
        {
            2 => numerator == 1 ? "half" : "halves",
            4 => numerator == 1 ? "quarter" : "quarters",
            _ => Ordinal(denominator) + (numerator == 1 ? string.Empty : "s"),
        };
        return Cardinal(numerator) + " " + part;
    }
}
