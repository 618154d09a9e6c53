using System.Text.RegularExpressions;
using static RoyaAudio.Text.Numerals;

namespace RoyaAudio.Text;

/// <summary>
/// Numbers on their own: "1,250" is said "one thousand two hundred and fifty", "3.5" "three point five", "-4" "minus
/// four", "1.25m" "one point two five million", a bare "2026" "twenty twenty-six", "007" "zero zero seven"; and
/// ordinals, "No. 5", decades, fractions and ranges. Numbers inside a longer dotted run ("1.2.3", "192.168.1.1")
/// are versions and addresses, which stay as written.
/// </summary>
internal static partial class EnglishNumbers
{
    /// <summary>"21st" → "twenty-first".</summary>
    public static SpokenFormRule Ordinal { get; } = new(OrdinalNumber(), (match, _) =>
        Numerals.Read(match.Groups["n"].ValueSpan) is { } n ? EnglishNumberWords.Ordinal(n.Whole) : null);

    /// <summary>"No. 5" and "#1" → "number five", "number one"; "Number" when it starts the sentence.</summary>
    public static SpokenFormRule NumberSign { get; } = new(NumberAbbreviation(), (match, _) =>
        Numerals.Read(match.Groups["n"].ValueSpan) is { } n
            ? (match.Index == 0 ? "Number " : "number ") + EnglishNumberWords.Number(n, match.Groups["n"].Value, asYear: false)
            : null);

    /// <summary>"1990s" → "nineteen nineties", "the '90s" → "the nineties".</summary>
    public static SpokenFormRule Decade { get; } = new(Decades(), (match, _) =>
        EnglishNumberWords.Decade((int)Numerals.Read(match.Groups["n"].ValueSpan)!.Value.Whole));

    /// <summary>"1/2" → "one half", "3/4" → "three quarters".</summary>
    public static SpokenFormRule Fraction { get; } = new(Fractions(), (match, _) =>
    {
        var numerator = Numerals.Value(match.Groups["a"].Value[0]);
        var denominator = (int)Numerals.Read(match.Groups["b"].ValueSpan)!.Value.Whole;
        return numerator < denominator ? EnglishNumberWords.Fraction(numerator, denominator) : null;
    });

    /// <summary>"2020-2024" and "2020–24" → "twenty twenty to twenty twenty-four"; "10–15" → "ten to fifteen".</summary>
    public static SpokenFormRule Range { get; } = new(Ranges(), (match, _) =>
    {
        if (Numerals.Read(match.Groups["a"].ValueSpan) is not { } a || Numerals.Read(match.Groups["b"].ValueSpan) is not { } b)
        {
            return null;
        }

        if (a.LooksLikeYear && b is { WholeDigits: 2, HasFraction: false })
        {
            // "2020–24": the second year keeps the first's century ("1998–99"), or the next one ("1999–00").
            var year = a.Whole / 100 * 100 + b.Whole;
            year = year <= a.Whole ? year + 100 : year;
            return $"{EnglishNumberWords.Year((int)a.Whole)} to {EnglishNumberWords.Year((int)year)}";
        }

        var years = a.LooksLikeYear && b.LooksLikeYear;
        return $"{EnglishNumberWords.Number(a, match.Groups["a"].Value, years)} to {EnglishNumberWords.Number(b, match.Groups["b"].Value, years)}";
    });

    /// <summary>Any other number, with a glued scale ("3bn") if it has one.</summary>
    public static SpokenFormRule Cardinal { get; } = new(Plain(), (match, sentence) =>
    {
        var written = match.Groups["n"].Value;
        if (Numerals.Read(written) is not { } n)
        {
            // More digits than any quantity has: an identifier, read digit by digit.
            return EnglishNumberWords.DigitByDigit(written);
        }

        var scale = match.Groups["scale"];
        if (scale.Success)
        {
            return $"{EnglishNumberWords.Number(n, written, asYear: false)} {EnglishWords.Scales[scale.Value]}";
        }

        // A bare four-digit number is a year unless what follows counts it ("1500 tonnes", "2000 dinars").
        var counted = SentenceContext.IsIn(SentenceContext.NextWord(sentence, match.Index + match.Length), EnglishWords.CountedWords);
        return EnglishNumberWords.Number(n, written, asYear: !counted);
    });

    [GeneratedRegex($@"(?<![\p{{L}}\p{{N}}.,])(?<n>{Whole})(?:st|nd|rd|th)(?![\p{{L}}\p{{N}}])", RegexOptions.CultureInvariant)]
    private static partial Regex OrdinalNumber();

    [GeneratedRegex($@"(?:(?<![\p{{L}}\p{{N}}])[Nn]o\.\s?|(?<![\p{{L}}\p{{N}}#])#)(?<n>{Whole}){Ends}", RegexOptions.CultureInvariant)]
    private static partial Regex NumberAbbreviation();

    [GeneratedRegex(
        $@"(?<![\p{{L}}\p{{N}}.,])(?:['’](?<n>{Digit}0)|(?<n>(?:{Digit}{{2}})?{Digit}0))s(?![\p{{L}}\p{{N}}])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Decades();

    [GeneratedRegex($@"(?<![\p{{L}}\p{{N}}./,])(?<a>[1-9])/(?<b>[2-9]|10)(?![\p{{L}}\p{{N}}]|/\p{{N}})", RegexOptions.CultureInvariant)]
    private static partial Regex Fractions();

    [GeneratedRegex($@"(?<![\p{{L}}\p{{N}}.,\-–])(?<a>{Number}){RangeDash}(?<b>{Number}){Ends}", RegexOptions.CultureInvariant)]
    private static partial Regex Ranges();

    [GeneratedRegex(
        $@"(?<![\p{{L}}\p{{N}}]|\p{{N}}[.,])(?<n>{Minus}?{Number})(?:(?<scale>k|m|mn|bn|tn)(?![\p{{L}}\p{{N}}])|{Ends})",
        RegexOptions.CultureInvariant)]
    private static partial Regex Plain();
}
