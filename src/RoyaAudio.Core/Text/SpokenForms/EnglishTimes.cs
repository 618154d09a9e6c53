using System.Text.RegularExpressions;
using static RoyaAudio.Text.Numerals;

namespace RoyaAudio.Text;

/// <summary>
/// Times of day: "10:30 a.m." is said "ten thirty a.m.", "10:05 p.m." "ten oh five p.m.", "10 a.m." "ten a.m.",
/// "10:00" "ten o'clock", "22:45" "twenty-two forty-five".
/// </summary>
internal static partial class EnglishTimes
{
    public static SpokenFormRule Rule { get; } = new(Time(), (match, _) =>
    {
        var hour = (int)Numerals.Read(match.Groups["hour"].ValueSpan)!.Value.Whole;
        var minutes = match.Groups["minutes"].Success ? (int)Numerals.Read(match.Groups["minutes"].ValueSpan)!.Value.Whole : 0;
        var half = match.Groups["half"];
        if (hour > (half.Success ? 12 : 24) || minutes > 59)
        {
            return null;
        }

        var said = EnglishNumberWords.Cardinal(hour);
        if (minutes > 0)
        {
            said += minutes < 10 ? " oh " + EnglishNumberWords.Digit(minutes) : " " + EnglishNumberWords.Cardinal(minutes);
        }

        if (half.Success)
        {
            return said + (char.ToLowerInvariant(half.Value[0]) == 'a' ? " a.m." : " p.m.");
        }

        // "10:00" alone is a time only by its colon; "o'clock" says so.
        return minutes == 0 ? said + " o'clock" : said;
    });

    // a.m. and p.m. in the ways copy writes them ("a.m.", "am", "AM"), the period after them taken too: it is said again.
    private const string HalfOfDay = @"(?<half>[aApP])\.?[mM](?!\p{L})\.?";

    [GeneratedRegex(
        $@"(?<![\p{{L}}\p{{N}}.,:])(?:(?<hour>{Digit}{{1,2}}):(?<minutes>{Digit}{{2}})(?:\s?{HalfOfDay})?|(?<hour>{Digit}{{1,2}})\.(?<minutes>{Digit}{{2}})\s?{HalfOfDay}|(?<hour>{Digit}{{1,2}})\s?{HalfOfDay})(?!\p{{N}}|[:.]\p{{N}})",
        RegexOptions.CultureInvariant)]
    private static partial Regex Time();
}
