using System.Collections.Frozen;
using Humanizer;

namespace RoyaAudio.Text;

/// <summary>What the Arabic words after a number tell about how to read it.</summary>
internal static class ArabicContext
{
    // "بين 9 و16 درجة": the noun that decides the gender may come after a second number joined by "و", "-" or "إلى".
    private const int MostTokensSkipped = 4;

    // Prepositions, particles and words of time that may follow a number without being counted by it.
    private static readonly FrozenSet<string> NotCounted = FrozenSet.Create(
        StringComparer.Ordinal,
        "في", "من", "إلى", "الى", "على", "عن", "مع", "أو", "او", "حتى", "بعد", "قبل", "منذ", "خلال", "عند", "إن", "أن", "ان",
        "التي", "الذي", "الذين", "ثم", "بين", "نحو", "حوالي", "فقط", "مقابل", "مقارنة", "بالمئة", "بالمائة", "المئة",
        "صباحا", "مساء", "مساءً", "وفق", "حسب", "بحسب", "لكل", "كل", "أي", "إذ", "إذا", "كما", "لا", "لم", "لن",
        "قد", "هو", "هي", "ما", "وهو", "وهي", "مما", "بينما", "أمس", "اليوم");

    /// <summary>
    /// Feminine when the noun the number counts is one of <see cref="ArabicWords.FeminineNouns"/>, else masculine:
    /// the rules do not know every noun's gender, and the masculine form is what newsreaders use for the masculine
    /// nouns most news numbers count.
    /// </summary>
    public static GrammaticalGender GenderAfter(string sentence, int index)
    {
        var noun = CountedWordAfter(sentence, index);
        return ArabicWords.FeminineNouns.GetAlternateLookup<ReadOnlySpan<char>>().Contains(noun)
            ? GrammaticalGender.Feminine
            : GrammaticalGender.Masculine;
    }

    /// <summary>
    /// Whether the word right after the number is a noun it counts ("11000 إصابة", "200 سيارة"), which puts the
    /// number's last word in the construct state; words that only go on with the sentence ("في", "بالمئة") do not.
    /// </summary>
    public static bool NounFollows(string sentence, int index)
    {
        var word = SentenceContext.NextWord(sentence, index);
        return word.Length > 1 && word[0] is >= '\u0621' and <= '\u064A' && !NotCounted.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
    }

    /// <summary>The first word after <paramref name="index"/> that is neither a number nor a word joining numbers.</summary>
    public static ReadOnlySpan<char> CountedWordAfter(string sentence, int index)
    {
        var i = index;
        for (var skipped = 0; skipped <= MostTokensSkipped; skipped++)
        {
            while (i < sentence.Length && sentence[i] == ' ')
            {
                i++;
            }

            var start = i;
            while (i < sentence.Length && sentence[i] != ' ')
            {
                i++;
            }

            var token = sentence.AsSpan(start, i - start).TrimEnd(".,،؛:!?؟)\"'»");
            if (token.Length == 0)
            {
                return [];
            }

            if (token.IndexOfAny(Numerals.Digits) >= 0 || token is "و" or "-" or "–" or "إلى" or "الى" or "حتى" or "أو")
            {
                continue;
            }

            return token;
        }

        return [];
    }
}
