using System.Text.RegularExpressions;
using Humanizer;
using static RoyaAudio.Text.Numerals;

namespace RoyaAudio.Text;

/// <summary>
/// Times of day as the hour's ordinal: "10:30" is said "العاشرة والنصف", "10:15" "العاشرة والربع", "10:45" "الحادية
/// عشرة إلا ربعا", "10:05" "العاشرة وخمس دقائق"; "صباحا" or "مساء" after it stays as written. 13–23 are read as
/// the afternoon's hours (minus twelve).
/// </summary>
internal static partial class ArabicTimes
{
    private static readonly ArabicWords.CountedNoun Minute = new("دقيقة", "دقيقتان", "دقائق", "دقيقة", Feminine: true);

    public static SpokenFormRule Rule { get; } = new(Time(), (match, _) =>
    {
        var hour = (int)Numerals.Read(match.Groups["hour"].ValueSpan)!.Value.Whole;
        var minutes = (int)Numerals.Read(match.Groups["minutes"].ValueSpan)!.Value.Whole;
        if (hour > 24 || minutes > 59)
        {
            return null;
        }

        var now = ArabicNumberWords.Hour(OnTheClock(hour));
        var next = ArabicNumberWords.Hour(OnTheClock(hour + 1));
        return minutes switch
        {
            0 => now,
            15 => now + " والربع",
            20 => now + " والثلث",
            30 => now + " والنصف",
            40 => next + " إلا ثلثا",
            45 => next + " إلا ربعا",
            _ => $"{now} و{ArabicNumberWords.Counted(minutes, Minute, GrammaticalGender.Feminine)}",
        };
    });

    /// <summary>The hour as a clock face shows it, 1–12.</summary>
    private static int OnTheClock(int hour) => hour % 12 == 0 ? 12 : hour % 12;

    [GeneratedRegex(
        $@"(?<![\p{{N}}A-Za-z.,:\u066B\u066C])(?<hour>{Digit}{{1,2}}):(?<minutes>{Digit}{{2}})(?!\p{{N}}|:\p{{N}})",
        RegexOptions.CultureInvariant)]
    private static partial Regex Time();
}
