using System.Globalization;

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

    // The service runs without culture data (invariant globalisation), so the two editions' names are here.
    private static readonly string[] EnglishDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] EnglishMonths =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] ArabicDays = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"];

    // Jordan writes the Levantine (Syriac) month names.
    private static readonly string[] ArabicMonths =
        ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"];

    /// <summary>The day as the edition writes it: "Tuesday 1 December 2026"; in Arabic with the month names Jordan uses.</summary>
    public static string Date(string language, DateOnly day)
    {
        var (days, months) = language == "ar" ? (ArabicDays, ArabicMonths) : (EnglishDays, EnglishMonths);
        return string.Create(CultureInfo.InvariantCulture, $"{days[(int)day.DayOfWeek]} {day.Day} {months[day.Month - 1]} {day.Year}");
    }
}
