using System.Text.RegularExpressions;
using static RoyaAudio.Text.Numerals;

namespace RoyaAudio.Text;

/// <summary>Scores in a match report: "فاز 2-1" is said "فاز اثنان مقابل واحد", "2-0" "اثنان مقابل صفر".</summary>
internal static partial class ArabicScores
{
    public static SpokenFormRule Rule { get; } = new(Score(), (match, sentence) =>
    {
        // Without a word of winning, losing or the result, "2-1" is a range.
        if (!SentenceContext.HasAnyWord(sentence, ArabicWords.ScoreWords))
        {
            return null;
        }

        var a = Numerals.Read(match.Groups["a"].ValueSpan)!.Value.Whole;
        var b = Numerals.Read(match.Groups["b"].ValueSpan)!.Value.Whole;
        return $"{ArabicNumberWords.Cardinal(a)} مقابل {ArabicNumberWords.Cardinal(b)}";
    });

    [GeneratedRegex(
        $@"(?<![\p{{N}}A-Za-z.,:\-–\u066B\u066C])(?<a>{Digit}{{1,2}})\s?[-–:]\s?(?<b>{Digit}{{1,2}})(?![\p{{L}}\p{{N}}]|[.,:\-–\u066B\u066C]\p{{N}})",
        RegexOptions.CultureInvariant)]
    private static partial Regex Score();
}
