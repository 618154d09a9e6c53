using System.Collections.Frozen;

namespace RoyaAudio.Text;

/// <summary>The Arabic edition's words for digits, months, scales, money, units and titles.</summary>
internal static class ArabicWords
{
    public static readonly string[] Digits = ["صفر", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"];

    /// <summary>The Levantine month names the Jordanian edition uses, January first.</summary>
    public static readonly string[] Months =
    [
        "كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول",
    ];

    /// <summary>
    /// The feminine nouns news numbers often count, singular and plural, as the copy may spell them: before one of
    /// these a number takes the form for a feminine noun (خمس سنوات, خمس وثلاثون درجة).
    /// </summary>
    public static readonly FrozenSet<string> FeminineNouns = new[]
    {
        "درجة", "درجات", "سنة", "سنوات", "سنين", "ساعة", "ساعات", "دقيقة", "دقائق", "مرة", "مرات", "حالة", "حالات",
        "إصابة", "إصابات", "اصابة", "اصابات", "شركة", "شركات", "دولة", "دول", "ليرة", "ليرات", "سيارة", "سيارات",
        "مدرسة", "مدارس", "ثانية", "ثوان", "ثواني", "امرأة", "نساء", "طائرة", "طائرات", "قذيفة", "قذائف", "غارة", "غارات",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// A noun as a number counts it: one (دينار أردني, said after the number word "واحد"), two (the dual), three to
    /// ten (the plural), eleven to ninety-nine (the accusative singular), and hundreds and thousands (the genitive
    /// singular, written as the singular).
    /// </summary>
    public sealed record CountedNoun(string One, string Two, string Few, string Many, bool Feminine = false)
    {
        /// <summary>A noun whose form never changes (يورو).</summary>
        public static CountedNoun Invariant(string word) => new(word, word, word, word);
    }

    public static readonly CountedNoun Thousand = new("ألف", "ألفان", "آلاف", "ألفا");
    public static readonly CountedNoun Million = new("مليون", "مليونان", "ملايين", "مليونا");
    public static readonly CountedNoun Billion = new("مليار", "ملياران", "مليارات", "مليارا");
    public static readonly CountedNoun Trillion = new("تريليون", "تريليونان", "تريليونات", "تريليونا");

    /// <summary>Scales glued to a number in Latin copy ("1.25m", "3bn").</summary>
    public static readonly FrozenDictionary<string, CountedNoun> Scales = new Dictionary<string, CountedNoun>(StringComparer.Ordinal)
    {
        ["k"] = Thousand, ["m"] = Million, ["mn"] = Million, ["bn"] = Billion, ["tn"] = Trillion,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Currencies by the symbol or code the copy writes.</summary>
    public static readonly FrozenDictionary<string, CountedNoun> Currencies = new Dictionary<string, CountedNoun>(StringComparer.OrdinalIgnoreCase)
    {
        ["$"] = new("دولار", "دولاران", "دولارات", "دولارا"),
        ["US$"] = new("دولار أمريكي", "دولاران أمريكيان", "دولارات أمريكية", "دولارا أمريكيا"),
        ["USD"] = new("دولار أمريكي", "دولاران أمريكيان", "دولارات أمريكية", "دولارا أمريكيا"),
        ["€"] = CountedNoun.Invariant("يورو"),
        ["EUR"] = CountedNoun.Invariant("يورو"),
        ["£"] = new("جنيه إسترليني", "جنيهان إسترلينيان", "جنيهات إسترلينية", "جنيها إسترلينيا"),
        ["¥"] = CountedNoun.Invariant("ين"),
        ["JD"] = new("دينار أردني", "ديناران أردنيان", "دنانير أردنية", "دينارا أردنيا"),
        ["JOD"] = new("دينار أردني", "ديناران أردنيان", "دنانير أردنية", "دينارا أردنيا"),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public const string CurrencyBefore = @"US\$|\$|€|£|¥|JOD|JD|USD|EUR";
    /// <summary>Arabic copy may also write the symbol after the amount ("5.50$").</summary>
    public const string CurrencyAfter = @"JOD|JD|USD|EUR|\$|€|£";

    private static readonly CountedNoun Kilometre = new("كيلومتر", "كيلومتران", "كيلومترات", "كيلومترا");
    private static readonly CountedNoun SquareKilometre = new("كيلومتر مربع", "كيلومتران مربعان", "كيلومترات مربعة", "كيلومترا مربعا");
    private static readonly CountedNoun Kilogram = new("كيلوغرام", "كيلوغرامان", "كيلوغرامات", "كيلوغراما");
    private static readonly CountedNoun Gram = new("غرام", "غرامان", "غرامات", "غراما");
    private static readonly CountedNoun Metre = new("متر", "متران", "أمتار", "مترا");
    private static readonly CountedNoun Centimetre = new("سنتيمتر", "سنتيمتران", "سنتيمترات", "سنتيمترا");
    private static readonly CountedNoun Millimetre = new("مليمتر", "مليمتران", "مليمترات", "مليمترا");
    private static readonly CountedNoun Litre = new("لتر", "لتران", "لترات", "لترا");
    private static readonly CountedNoun Megawatt = new("ميغاواط", "ميغاواطان", "ميغاواطات", "ميغاواطا");
    private static readonly CountedNoun Celsius = new("درجة مئوية", "درجتان مئويتان", "درجات مئوية", "درجة مئوية", Feminine: true);

    /// <summary>Units after a number, by the symbol the copy writes (Arabic or Latin).</summary>
    public static readonly FrozenDictionary<string, CountedNoun> Units = new Dictionary<string, CountedNoun>(StringComparer.Ordinal)
    {
        ["كم"] = Kilometre, ["km"] = Kilometre,
        ["كم²"] = SquareKilometre, ["كم2"] = SquareKilometre, ["km²"] = SquareKilometre,
        ["كغم"] = Kilogram, ["كغ"] = Kilogram, ["كلغ"] = Kilogram, ["كجم"] = Kilogram, ["kg"] = Kilogram,
        ["غم"] = Gram, ["غ"] = Gram,
        ["م"] = Metre, ["سم"] = Centimetre, ["مم"] = Millimetre, ["ملم"] = Millimetre,
        ["لتر"] = Litre, ["ميغاواط"] = Megawatt, ["ميجاواط"] = Megawatt, ["MW"] = Megawatt,
        ["°C"] = Celsius, ["°م"] = Celsius, ["°"] = Celsius,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The regex alternation of <see cref="Units"/>, longest first; "/ساعة" after a unit is "في الساعة".</summary>
    public const string UnitPattern = "كم²|كم2|km²|كغم|كلغ|كجم|ميغاواط|ميجاواط|لتر|ملم|كم|كغ|غم|سم|مم|km|kg|MW|°\\s?C|°\\s?م|°|م|غ";

    /// <summary>Words that make a four-digit number a quantity rather than a year.</summary>
    public static readonly FrozenSet<string> CountedWords = new[]
    {
        "دينار", "دنانير", "دينارا", "دولار", "دولارات", "دولارا", "يورو", "ليرة", "ليرات", "جنيه", "جنيهات", "ريال", "درهم",
        "شخص", "أشخاص", "شخصا", "طن", "أطنان", "طنا", "متر", "أمتار", "مترا", "كيلومتر", "كيلومترات", "كيلومترا", "لتر",
        "ألف", "مليون", "مليار",
    }.Concat(Units.Keys).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Words that make "2-1" a score ("اثنان مقابل واحد") rather than a range.</summary>
    public static readonly FrozenSet<string> ScoreWords = new[]
    {
        "فاز", "وفاز", "فوز", "بفوز", "تغلب", "وتغلب", "خسر", "وخسر", "خسارة", "تعادل", "وتعادل", "هزم", "وهزم", "بنتيجة",
        "نتيجة", "النتيجة", "سجل", "أحرز",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Titles before a name by their abbreviation: "د." doctor, "أ." professor (ustadh), "م." engineer.</summary>
    public static readonly FrozenDictionary<string, string> Titles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["أ.د"] = "الأستاذ الدكتور", ["د"] = "الدكتور", ["أ"] = "الأستاذ", ["م"] = "المهندس",
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
