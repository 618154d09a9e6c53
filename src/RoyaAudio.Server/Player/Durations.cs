using System.Globalization;

namespace RoyaAudio.Server.Player;

/// <summary>
/// How long a piece of audio is, as listeners and editors read it: rounded to the nearest second, halves up
/// (102.85 s is 1:43), the same rule as the player's and the desk's scripts and the podcast feeds.
/// </summary>
public static class Durations
{
    public static long Seconds(long milliseconds) => (long)Math.Round(Math.Max(0, milliseconds) / 1000.0, MidpointRounding.AwayFromZero);

    /// <summary>m:ss, or h:mm:ss from an hour.</summary>
    public static string Clock(long milliseconds)
    {
        var s = Seconds(milliseconds);
        return s >= 3600
            ? string.Create(CultureInfo.InvariantCulture, $"{s / 3600}:{s / 60 % 60:00}:{s % 60:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{s / 60}:{s % 60:00}");
    }
}
