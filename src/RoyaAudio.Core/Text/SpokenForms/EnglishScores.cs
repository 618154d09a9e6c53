using System.Text.RegularExpressions;
using static RoyaAudio.Text.Numerals;

namespace RoyaAudio.Text;

/// <summary>Scores in a match report: "won 2-1" is said "won two one", "1:0" "one nil".</summary>
internal static partial class EnglishScores
{
    public static SpokenFormRule Rule { get; } = new(Score(), (match, sentence) =>
    {
        // Without a word of winning, losing or scoring, "2-1" is a range and "1:0" a ratio.
        if (!SentenceContext.HasAnyWord(sentence, EnglishWords.ScoreWords))
        {
            return null;
        }

        return $"{Goals(match.Groups["a"])} {Goals(match.Groups["b"])}";
    });

    private static string Goals(Group goals)
    {
        var n = Numerals.Read(goals.ValueSpan)!.Value.Whole;
        return n == 0 ? "nil" : EnglishNumberWords.Cardinal(n);
    }

    [GeneratedRegex(
        $@"(?<![\p{{L}}\p{{N}}.,:\-–])(?<a>{Digit}{{1,2}})\s?[-–:]\s?(?<b>{Digit}{{1,2}})(?![\p{{L}}\p{{N}}]|[.,:\-–]\p{{N}})",
        RegexOptions.CultureInvariant)]
    private static partial Regex Score();
}
