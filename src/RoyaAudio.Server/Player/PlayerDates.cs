using System.Globalization;

namespace RoyaAudio.Server.Player;

/// <summary>
/// Dates as the player writes them (the script the same way): day, the edition's month name, year, in Latin digits
/// on the Gregorian calendar, for the UTC day (as the listening report and the feeds count days). The month names
/// come from the labels, so neither the server's nor the browser's locale data can change them.
/// </summary>
internal static class PlayerDates
{
    public static string Format(DateTimeOffset at, PlayerLabels labels)
    {
        var utc = at.UtcDateTime;
        var month = RoyaAudio.Editions.PlayerWording.MonthOf(labels.Months, utc.Month);
        return string.Create(CultureInfo.InvariantCulture, $"{utc.Day} {month} {utc.Year}");
    }

    /// <summary>"Audio updated 1 December 2026".</summary>
    public static string Updated(DateTimeOffset at, PlayerLabels labels) => $"{labels.Updated} {Format(at, labels)}";
}
