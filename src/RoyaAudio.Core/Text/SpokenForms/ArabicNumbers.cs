using System.Text.RegularExpressions;
using static RoyaAudio.Text.Numerals;

namespace RoyaAudio.Text;

/// <summary>
/// Numbers on their own: "1250" is said "ألف ومئتان وخمسون", "3.5" "ثلاثة فاصلة خمسة", "-3" "سالب ثلاثة", a bare
/// "2026" "ألفين وستة وعشرين", "2020-2024" "من ألفين وعشرين إلى ألفين وأربعة وعشرين". A letter written onto the
/// number ("و16", "ب2.1%") stays on its first word.
/// </summary>
internal static partial class ArabicNumbers
{
    /// <summary>"10-15" → "من عشرة إلى خمسة عشر"; years in the genitive.</summary>
    public static SpokenFormRule Range { get; } = new(Ranges(), (match, sentence) =>
    {
        if (Numerals.Read(match.Groups["a"].ValueSpan) is not { } a || Numerals.Read(match.Groups["b"].ValueSpan) is not { } b)
        {
            return null;
        }

        if (a.LooksLikeYear && (b.LooksLikeYear || b is { WholeDigits: 2, HasFraction: false }))
        {
            var year = b.LooksLikeYear ? b.Whole : a.Whole / 100 * 100 + b.Whole;
            year = year <= a.Whole && !b.LooksLikeYear ? year + 100 : year;
            return $"{From(sentence, match.Index)}{ArabicNumberWords.Year(a.Whole)} إلى {ArabicNumberWords.Year(year)}";
        }

        var gender = ArabicContext.GenderAfter(sentence, match.Index + match.Length);
        return $"{From(sentence, match.Index)}{ArabicNumberWords.Number(a, match.Groups["a"].Value, gender)} إلى {ArabicNumberWords.Number(b, match.Groups["b"].Value, gender)}";
    });

    /// <summary>"كوفيد-19" → "كوفيد تسعة عشر": the hyphen is not said.</summary>
    public static SpokenFormRule Code { get; } = new(WordThenNumber(), (match, _) =>
        Numerals.Read(match.Groups["n"].ValueSpan) is { } n
            ? $"{match.Groups["word"].Value} {ArabicNumberWords.Number(n, match.Groups["n"].Value)}"
            : null);

    /// <summary>Any other number, with a glued scale ("3bn") or a year's era ("2026م") if it has one.</summary>
    public static SpokenFormRule Cardinal { get; } = new(Plain(), (match, sentence) =>
    {
        var written = match.Groups["n"].Value;
        if (Numerals.Read(written) is not { } n)
        {
            return ArabicNumberWords.DigitByDigit(written);
        }

        var scale = match.Groups["scale"];
        if (scale.Success)
        {
            return ArabicNumberWords.Counted(n, written, ArabicWords.Scales[scale.Value]);
        }

        var era = match.Groups["era"];
        if (era.Success)
        {
            // "2026م" and "1447هـ": the era's letter is said as the word it stands for.
            return $"{ArabicNumberWords.Year(n.Whole)} {(era.Value == "م" ? "ميلادي" : "هجري")}";
        }

        var end = match.Index + match.Length;
        if (n.LooksLikeYear && !SentenceContext.IsIn(ArabicContext.CountedWordAfter(sentence, end), ArabicWords.CountedWords))
        {
            return ArabicNumberWords.Year(n.Whole);
        }

        return ArabicNumberWords.Number(n, written, ArabicContext.GenderAfter(sentence, end), ArabicContext.NounFollows(sentence, end));
    });

    /// <summary>
    /// "من " before a range, unless the copy already wrote it ("من 10-15") or wrote "بين", which the range then
    /// follows as is. A letter written onto the range ("و10-15") goes before it: "ومن عشرة".
    /// </summary>
    internal static string From(string sentence, int index)
    {
        if (index > 0 && char.IsLetter(sentence[index - 1]))
        {
            return "من ";
        }

        var before = SentenceContext.PreviousWord(sentence, index);
        return before is "من" or "بين" ? string.Empty : "من ";
    }

    [GeneratedRegex(
        $@"(?<![\p{{N}}A-Za-z.,\u066B\u066C\-–])(?<a>{Number}){RangeDash}(?<b>{Number}){Ends}",
        RegexOptions.CultureInvariant)]
    private static partial Regex Ranges();

    [GeneratedRegex($@"(?<![\p{{L}}\p{{N}}])(?<word>\p{{IsArabic}}+)-(?<n>{Digit}+){Ends}", RegexOptions.CultureInvariant)]
    private static partial Regex WordThenNumber();

    [GeneratedRegex(
        $@"(?<![\p{{N}}A-Za-z.,\u066B\u066C])(?<n>{Minus}?{Number})(?:(?<scale>k|m|mn|bn|tn)(?![\p{{L}}\p{{N}}])|(?<=(?<![.,\u066B\u066C]{Digit}*){Digit}{{4}})(?<era>م|ه)\u0640?(?![\p{{L}}\p{{N}}])|{Ends})",
        RegexOptions.CultureInvariant)]
    private static partial Regex Plain();
}
