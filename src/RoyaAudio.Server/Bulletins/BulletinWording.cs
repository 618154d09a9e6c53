using System.Globalization;
using RoyaAudio.Editions;

namespace RoyaAudio.Server.Bulletins;

/// <summary>What a bulletin is called and how it opens, in each edition's words.</summary>
public static class BulletinWording
{
    public static string Title(string language, string publication, DateOnly day) => language == "ar"
        ? $"نشرة {publication} ليوم {Date(language, day)}"
        : $"{publication} bulletin, {Date(language, day)}";

    public static string Opening(string language, string? configured, DateOnly day)
    {
        var template = configured is { Length: > 0 } ? configured : language == "ar"
            ? "هذه نشرة الأخبار ليوم {date}."
            : "Here is the news bulletin for {date}.";
        return template.Replace("{date}", Date(language, day), StringComparison.Ordinal);
    }

    // The service runs without culture data (invariant globalisation), so the weekdays are here; the month names
    // are the edition's own, the ones the player's "Audio updated" line writes.
    private static readonly string[] EnglishDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] ArabicDays = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"];

    /// <summary>The day as the edition writes it: "Tuesday 1 December 2026"; in Arabic with the month names Jordan uses.</summary>
    public static string Date(string language, DateOnly day)
    {
        var edition = EditionRegistry.Default.Find(language) ?? EditionRegistry.Default.Fallback;
        var month = PlayerWording.MonthOf(edition.Player.Months, day.Month);
        var days = edition.Code == "ar" ? ArabicDays : EnglishDays;
        return string.Create(CultureInfo.InvariantCulture, $"{days[(int)day.DayOfWeek]} {day.Day} {month} {day.Year}");
    }
}
