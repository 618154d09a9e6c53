using System.Text;
using Humanizer;

namespace RoyaAudio.Text;

/// <summary>
/// Arabic number words in Modern Standard Arabic as a newsreader says them, in the nominative ("خمسة وعشرون").
/// Humanizer gives the words below a thousand, with gender; thousands, millions and billions are counted here,
/// because Humanizer's forms for them are not the house style ("أحد عشر ألف" for أحد عشر ألفا, "مئة و واحد ألف",
/// "مليون و   ألف").
/// </summary>
internal static class ArabicNumberWords
{
    private static readonly (long Size, ArabicWords.CountedNoun Name)[] ScaleSteps =
    [
        (1_000_000_000_000, ArabicWords.Trillion),
        (1_000_000_000, ArabicWords.Billion),
        (1_000_000, ArabicWords.Million),
        (1_000, ArabicWords.Thousand),
    ];

    /// <summary>"1250" → "ألف ومئتان وخمسون"; "3" before a feminine noun → "ثلاث".</summary>
    /// <param name="gender">
    /// The counted noun's gender. When it is unknown the masculine form is read: it is what newsreaders use for the
    /// masculine nouns most news numbers count (دينار, دولار, شخص, عام, يوم, كيلومتر).
    /// </param>
    /// <param name="beforeNoun">
    /// A noun follows and is counted by the number's last word, which is then in the construct state: "أحد عشر ألف
    /// إصابة" (not "ألفا"), "مئتا سيارة" (not "مئتان").
    /// </param>
    public static string Cardinal(long value, GrammaticalGender gender = GrammaticalGender.Masculine, bool beforeNoun = false)
    {
        if (value < 0)
        {
            return "سالب " + Cardinal(-value, gender, beforeNoun);
        }

        var said = new StringBuilder(64);
        var rest = value;
        foreach (var (size, name) in ScaleSteps)
        {
            var count = rest / size;
            rest %= size;
            if (count == 0)
            {
                continue;
            }

            And(said);
            var last = rest == 0;
            said.Append((count, count % 100) switch
            {
                (1, _) => name.One,
                (2, _) => last && beforeNoun ? Construct(name.Two) : name.Two,
                // Hundreds of thousands ending in one or two: "مئة وألف", "مئة وألفان".
                ( > 100, 1) => $"{BelowThousand((int)(count - 1), GrammaticalGender.Masculine)} و{name.One}",
                ( > 100, 2) => $"{BelowThousand((int)(count - 2), GrammaticalGender.Masculine)} و{(last && beforeNoun ? Construct(name.Two) : name.Two)}",
                (_, >= 3 and <= 10) => $"{BelowThousand((int)count, GrammaticalGender.Masculine)} {name.Few}",
                (_, >= 11) => $"{BelowThousand((int)count, GrammaticalGender.Masculine)} {(last && beforeNoun ? name.One : name.Many)}",
                _ => $"{Construct(BelowThousand((int)count, GrammaticalGender.Masculine))} {name.One}",
            });
        }

        if (rest > 0 || value == 0)
        {
            And(said);
            var words = BelowThousand((int)rest, gender);
            said.Append(beforeNoun && rest % 100 == 0 ? Construct(words) : words);
        }

        return said.ToString();
    }

    /// <summary>A dual before the noun it counts loses its nūn: "مئتان" → "مئتا", "ألفان" → "ألفا".</summary>
    private static string Construct(string words) =>
        words.EndsWith("تان", StringComparison.Ordinal) || words.EndsWith("فان", StringComparison.Ordinal)
        || words.EndsWith("نان", StringComparison.Ordinal) || words.EndsWith("ران", StringComparison.Ordinal)
            ? words[..^1]
            : words;

    /// <summary>
    /// A number and the noun it counts: "كيلومتر واحد", "كيلومتران", "ثلاثة كيلومترات", "أحد عشر كيلومترا",
    /// "مئة كيلومتر". A count ending in two hundred uses its construct form ("مئتا كيلومتر").
    /// </summary>
    public static string Counted(long count, ArabicWords.CountedNoun noun, GrammaticalGender? gender = null)
    {
        var g = gender ?? (noun.Feminine ? GrammaticalGender.Feminine : GrammaticalGender.Masculine);
        if (count == 1)
        {
            return $"{noun.One} {(g == GrammaticalGender.Feminine ? "واحدة" : "واحد")}";
        }

        if (count == 2)
        {
            return noun.Two;
        }

        var form = (count % 100) switch
        {
            >= 3 and <= 10 => noun.Few,
            >= 11 => noun.Many,
            _ => noun.One,
        };
        return $"{Cardinal(count, g, beforeNoun: true)} {form}";
    }

    /// <summary>A decimal or whole number as written, then the noun: decimals count it in the singular ("2.5 كم" is "اثنان فاصلة خمسة كيلومتر").</summary>
    public static string Counted(WrittenNumber number, string written, ArabicWords.CountedNoun noun)
    {
        if (number.Negative && !number.HasFraction && !number.LeadingZero)
        {
            return "سالب " + Counted(number.Whole, noun);
        }

        if (number.HasFraction || number.LeadingZero)
        {
            return $"{Number(number, written, noun.Feminine ? GrammaticalGender.Feminine : GrammaticalGender.Masculine)} {noun.One}";
        }

        return Counted(number.Whole, noun);
    }

    /// <summary>
    /// A number as written: "3.5" → "ثلاثة فاصلة خمسة"; the digits after the point as one number ("1.25" → "واحد
    /// فاصلة خمسة وعشرون"), its leading zeros said ("1.05" → "واحد فاصلة صفر خمسة"); "007" digit by digit.
    /// </summary>
    public static string Number(WrittenNumber number, string written, GrammaticalGender gender = GrammaticalGender.Masculine, bool beforeNoun = false)
    {
        if (number.LeadingZero && !number.HasFraction)
        {
            return (number.Negative ? "سالب " : string.Empty) + DigitByDigit(written);
        }

        var said = Cardinal(number.Whole, gender, beforeNoun && !number.HasFraction);
        if (number.Negative)
        {
            said = "سالب " + said;
        }

        if (!number.HasFraction)
        {
            return said;
        }

        var fraction = new StringBuilder(said.Length + 32).Append(said).Append(" فاصلة");
        var digits = number.Fraction;
        var zeros = 0;
        while (zeros < digits.Length && digits[zeros] == '0')
        {
            fraction.Append(' ').Append(ArabicWords.Digits[0]);
            zeros++;
        }

        if (zeros < digits.Length)
        {
            fraction.Append(' ').Append(Cardinal(long.Parse(digits.AsSpan(zeros), System.Globalization.CultureInfo.InvariantCulture), gender));
        }

        return fraction.ToString();
    }

    /// <summary>"2026" as a year is said in the genitive, after an unwritten "عام": "ألفين وستة وعشرين".</summary>
    public static string Year(long year) => Genitive(Cardinal(year));

    /// <summary>A day of the month in a date, genitive: "الأول", "الحادي عشر", "الحادي والعشرين".</summary>
    public static string Day(int day) => Genitive(Joined(day.ToOrdinalWords(GrammaticalGender.Masculine, NumberWordCulture.Arabic)));

    /// <summary>An hour of the clock, 1–12: "الواحدة", "الثانية", "الحادية عشرة".</summary>
    public static string Hour(int hour) =>
        hour == 1 ? "الواحدة" : Joined(hour.ToOrdinalWords(GrammaticalGender.Feminine, NumberWordCulture.Arabic));

    /// <summary>Each digit by name: "079" → "صفر سبعة تسعة".</summary>
    public static string DigitByDigit(string written)
    {
        var said = new StringBuilder(written.Length * 6);
        foreach (var digit in Numerals.DigitsOf(written))
        {
            if (said.Length > 0)
            {
                said.Append(' ');
            }

            said.Append(ArabicWords.Digits[digit]);
        }

        return said.ToString();
    }

    /// <summary>
    /// The genitive of number words, as after "عام" or "من": dual and plural endings ان and ون become ين ("ألفين",
    /// "عشرين"), and "اثنا"/"اثنتا" become "اثني"/"اثنتي".
    /// </summary>
    public static string Genitive(string words)
    {
        var said = new StringBuilder(words);
        for (var end = 0; end <= said.Length; end++)
        {
            if (end < said.Length && said[end] != ' ')
            {
                continue;
            }

            // The end of a word: change its case ending if it has one ("ثمان", feminine eight, has none).
            if (end >= 4 && said[end - 1] == 'ن' && said[end - 2] is 'ا' or 'و' && !EndsWith(said, end, "ثمان"))
            {
                said[end - 2] = 'ي';
            }
            else if (EndsWith(said, end, "اثنا") || EndsWith(said, end, "اثنتا"))
            {
                said[end - 1] = 'ي';
            }
        }

        return said.ToString();
    }

    private static bool EndsWith(StringBuilder said, int end, string word)
    {
        if (end < word.Length)
        {
            return false;
        }

        for (var i = 0; i < word.Length; i++)
        {
            if (said[end - word.Length + i] != word[i])
            {
                return false;
            }
        }

        return end == word.Length || said[end - word.Length - 1] is ' ' or 'و';
    }

    private static string BelowThousand(int value, GrammaticalGender gender)
    {
        var words = Joined(((long)value).ToWords(gender, NumberWordCulture.Arabic));
        // Humanizer's feminine twenty-one is "واحدة وعشرون"; before a feminine noun it is "إحدى وعشرون".
        return gender == GrammaticalGender.Feminine && value % 100 > 20 && value % 10 == 1
            ? words.Replace("واحدة و", "إحدى و", StringComparison.Ordinal)
            : words;
    }

    /// <summary>
    /// Humanizer writes the conjunction apart ("خمسة و عشرون") and the hundreds in two words ("ثلاث مئة"); the
    /// house style writes "خمسة وعشرون" and "ثلاثمئة".
    /// </summary>
    private static string Joined(string words) =>
        words.Replace(" و ", " و", StringComparison.Ordinal).Replace(" مئة", "مئة", StringComparison.Ordinal);

    private static void And(StringBuilder said)
    {
        if (said.Length > 0)
        {
            said.Append(" و");
        }
    }
}
