using System.Buffers;

namespace RoyaAudio.Text;

/// <summary>
/// How numbers are written in the newsroom's copy: Western digits (0–9), Arabic-Indic (٠–٩) or Eastern Arabic
/// (۰–۹), all read alike; thousands grouped by "," or "٬"; the decimal point "." or "٫".
/// </summary>
internal static class Numerals
{
    /// <summary>One digit of any of the three sets.</summary>
    public const string Digit = @"[0-9\u0660-\u0669\u06F0-\u06F9]";

    /// <summary>A whole number, grouped by thousands or not: "1,250", "١٬٢٥٠", "12500".</summary>
    public const string Whole = $@"(?:{Digit}{{1,3}}(?:[,\u066C]{Digit}{{3}})+|{Digit}+)";

    /// <summary>A whole number with or without decimals.</summary>
    public const string Number = $@"{Whole}(?:[.\u066B]{Digit}+)?";

    /// <summary>Nothing that would make the number part of a longer word, number or decimal follows.</summary>
    public const string Ends = @"(?![\p{L}\p{N}]|[.,\u066B\u066C]\p{N})";

    /// <summary>
    /// A minus: the sign, or a hyphen that starts a word ("-4", "(-3°C)", Arabic "و-3" with its letter written on),
    /// never the hyphen of a range ("10-15") or of a Latin code ("F-16").
    /// </summary>
    public const string Minus = @"(?:\u2212|(?<![\p{N}\p{Pe}.,%°]|[\p{L}-[\p{IsArabic}]])-)";

    /// <summary>A range's dash: hyphen or en dash, spaces allowed around the en dash.</summary>
    public const string RangeDash = @"(?:-|\s?\u2013\s?)";

    public static readonly SearchValues<char> Digits = SearchValues.Create("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹");

    public static bool IsDigit(char c) => Value(c) >= 0;

    /// <summary>The digit's value, or -1 for any other character.</summary>
    public static int Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= '\u0660' and <= '\u0669' => c - '\u0660',
        >= '\u06F0' and <= '\u06F9' => c - '\u06F0',
        _ => -1,
    };

    /// <summary>Reads a written number ("1,250.5", "-٣٫٥"); null when it has more digits than a long holds.</summary>
    public static WrittenNumber? Read(ReadOnlySpan<char> written)
    {
        var negative = false;
        if (written.Length > 0 && written[0] is '-' or '\u2212')
        {
            negative = true;
            written = written[1..];
        }

        long whole = 0;
        var wholeDigits = 0;
        var grouped = false;
        var i = 0;
        for (; i < written.Length; i++)
        {
            var c = written[i];
            if (c is ',' or '\u066C')
            {
                grouped = true;
                continue;
            }

            var digit = Value(c);
            if (digit < 0)
            {
                break;
            }

            if (wholeDigits >= 18)
            {
                return null;
            }

            whole = whole * 10 + digit;
            wholeDigits++;
        }

        var fraction = string.Empty;
        if (i < written.Length && written[i] is '.' or '\u066B')
        {
            // Decimals are read digit by digit (English) or as written (Arabic), so they stay text: "05" is not "5".
            Span<char> digits = stackalloc char[Math.Min(written.Length - i - 1, 64)];
            var count = 0;
            for (i++; i < written.Length && count < digits.Length; i++)
            {
                var digit = Value(written[i]);
                if (digit < 0)
                {
                    break;
                }

                digits[count++] = (char)('0' + digit);
            }

            fraction = new string(digits[..count]);
        }

        var leadingZero = wholeDigits > 1 && Value(written[0]) == 0;
        return new WrittenNumber(negative, whole, wholeDigits, fraction, grouped, leadingZero);
    }

    /// <summary>The digits of a span, each as 0–9, skipping anything else (spaces, hyphens, separators).</summary>
    public static IEnumerable<int> DigitsOf(string written)
    {
        foreach (var c in written)
        {
            var digit = Value(c);
            if (digit >= 0)
            {
                yield return digit;
            }
        }
    }

    public static int CountDigits(ReadOnlySpan<char> written)
    {
        var count = 0;
        foreach (var c in written)
        {
            if (Value(c) >= 0)
            {
                count++;
            }
        }

        return count;
    }
}

/// <summary>A number as the copy wrote it.</summary>
/// <param name="Whole">The part before the point.</param>
/// <param name="WholeDigits">How many digits the whole part was written with ("007" has three).</param>
/// <param name="Fraction">The digits after the point, 0–9 as written ("05" for ".05"); empty when there is no point.</param>
/// <param name="Grouped">Written with thousands separators, which a year never is.</param>
/// <param name="LeadingZero">More than one digit and the first is zero ("007", "0800"): read digit by digit.</param>
internal readonly record struct WrittenNumber(bool Negative, long Whole, int WholeDigits, string Fraction, bool Grouped, bool LeadingZero)
{
    public bool HasFraction => Fraction.Length > 0;

    /// <summary>A bare four-digit whole number from 1100 to 2099, which the house style reads as a year.</summary>
    public bool LooksLikeYear => !Negative && !HasFraction && !Grouped && WholeDigits == 4 && Whole is >= 1100 and <= 2099;

    /// <summary>Exactly one, which takes the singular ("1 km" is "one kilometre").</summary>
    public bool IsOne => !Negative && !HasFraction && Whole == 1;
}
