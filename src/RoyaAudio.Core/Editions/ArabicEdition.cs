using RoyaAudio.Text;

namespace RoyaAudio.Editions;

/// <summary>The Arabic edition: right to left, and long sentences cut at "،", "؛" and ":".</summary>
public static class ArabicEdition
{
    public const string Code = "ar";

    public static Edition Edition { get; } = new()
    {
        Code = Code,
        Iso639_2 = "ara",
        Direction = TextDirection.RightToLeft,
        Name = "Arabic",
        NativeName = "العربية",
        Player = new()
        {
            Listen = "استمع إلى هذا الخبر:",
            Play = "تشغيل",
            Pause = "إيقاف مؤقت",
            Back = "رجوع 15 ثانية",
            Forward = "تقديم 15 ثانية",
            Seek = "موضع التشغيل في الخبر",
            Elapsed = "الوقت المنقضي",
            Of = "من",
            Speed = "سرعة التشغيل",
            Download = "تنزيل",
            Transcript = "نص الخبر",
            Captions = "العربية",
            Preparing = "يجري تجهيز الصوت.",
            Note = "ملاحظة:",
            Updated = "تم تحديث الصوت في",
            Months = "كانون الثاني,شباط,آذار,نيسان,أيار,حزيران,تموز,آب,أيلول,تشرين الأول,تشرين الثاني,كانون الأول",
        },
        Disclosure = "تم استخدام تقنية الذكاء الاصطناعي لإنتاج الصوت الخاص بهذا المقال.",
        Voices = new(
            Espeak: "ar",
            OpenAi: "alloy",
            ReadingStyle: "اقرأ بصوت مذيع أخبار هادئ وواضح، بنبرة محايدة وإيقاع ثابت، باللغة العربية الفصحى."),
        // Deep red with a sand mark: the Arabic show is never mistaken for the English one.
        Colours = new(Ground: "#8E1B1B", Mark: "#F3E3C3"),
        Furniture = new()
        {
            Lines =
            [
                """(?:صورة|الصورة)\s*\d+\s*(?:من|في)\s*(?:المعرض|معرض\s+الصور)""",
                """(?:استمع|استمعوا)\s+(?:إلى|الى|لهذا)\s*.{0,20}:?""",
                """(?:ملاحظة\s*:\s*)?(?:تم\s+)?استخدام\s+تقنية\s+الذكاء\s+الاصطناعي.{0,60}""",
                """(?:نشر|تاريخ\s+النشر|آخر\s+تحديث|اخر\s+تحديث)\s*(?::.{0,40}|\|)?""",
            ],
            Bylines = ["بقلم"],
        },
        // Arabic copy quotes Latin-script names and titles as they are ("Dr. Smith", "Apple Inc."), and the
        // English rules read them.
        Splitting = Words.Borrowing(EnglishEdition.Words),
        SpokenForms = ArabicSpokenForms.Rules,
    };

    /// <summary>The Arabic words alone, which the English edition borrows for the Arabic titles its copy quotes.</summary>
    internal static SplitterRules Words => new()
    {
        Abbreviations = new Dictionary<AbbreviationKind, IReadOnlyList<string>>
        {
            // "د." doctor, "أ." professor (ustadh).
            [AbbreviationKind.NeverEnds] = ["د", "أ"],
            // "إلخ." etc.; "ق.م." BC, usually after a year.
            [AbbreviationKind.EndsBeforeCapital] = ["إلخ", "ق.م"],
        },
        EndsAtClausePunctuation = true,
    };
}
