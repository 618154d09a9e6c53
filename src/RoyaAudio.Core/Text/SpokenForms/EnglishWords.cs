using System.Collections.Frozen;

namespace RoyaAudio.Text;

/// <summary>The English edition's words for months, money, units and titles.</summary>
internal static class EnglishWords
{
    public static readonly string[] Months =
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ];

    /// <summary>Month names as the copy writes them, full or short ("Sept."), by what the regex captured.</summary>
    public static readonly FrozenDictionary<string, string> MonthByWritten = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = "January", ["feb"] = "February", ["mar"] = "March", ["apr"] = "April", ["jun"] = "June", ["jul"] = "July",
        ["aug"] = "August", ["sep"] = "September", ["sept"] = "September", ["oct"] = "October", ["nov"] = "November",
        ["dec"] = "December",
    }.Concat(Months.Select(m => KeyValuePair.Create(m, m))).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The regex alternation of <see cref="MonthByWritten"/>, long names first.</summary>
    public const string MonthPattern =
        "January|February|March|April|May|June|July|August|September|October|November|December|"
        + @"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?";

    /// <summary>A currency as the copy writes it (symbol or code) and as it is said.</summary>
    /// <param name="HasCents">Two decimals are cents, said after the unit ("five dollars fifty"); dinars are not.</param>
    public sealed record Currency(string One, string Many, bool HasCents);

    public static readonly FrozenDictionary<string, Currency> Currencies = new Dictionary<string, Currency>(StringComparer.OrdinalIgnoreCase)
    {
        ["$"] = new("dollar", "dollars", true),
        ["US$"] = new("US dollar", "US dollars", true),
        ["USD"] = new("US dollar", "US dollars", true),
        ["€"] = new("euro", "euros", true),
        ["EUR"] = new("euro", "euros", true),
        ["£"] = new("pound", "pounds", true),
        ["GBP"] = new("pound", "pounds", true),
        ["¥"] = new("yen", "yen", false),
        ["JD"] = new("Jordanian dinar", "Jordanian dinars", false),
        ["JOD"] = new("Jordanian dinar", "Jordanian dinars", false),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Currencies written before the amount ("$3", "JD 5"); the regex alternation, longest first.</summary>
    public const string CurrencyBefore = @"US\$|\$|€|£|¥|JOD|JD|USD|EUR|GBP";

    /// <summary>Currencies written after the amount ("5 JD").</summary>
    public const string CurrencyAfter = "JOD|JD|USD|EUR|GBP";

    /// <summary>Scales written after a number, glued ("1.25m", "3bn") or as words ("1.25 million").</summary>
    public static readonly FrozenDictionary<string, string> Scales = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["k"] = "thousand", ["m"] = "million", ["mn"] = "million", ["bn"] = "billion", ["tn"] = "trillion",
        ["thousand"] = "thousand", ["million"] = "million", ["billion"] = "billion", ["trillion"] = "trillion",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public sealed record Unit(string One, string Many);

    /// <summary>Units written after a number, by the symbol the copy uses without its spaces and periods ("sq. km" is "sqkm").</summary>
    public static readonly FrozenDictionary<string, Unit> Units = new Dictionary<string, Unit>(StringComparer.Ordinal)
    {
        ["km"] = new("kilometre", "kilometres"),
        ["m"] = new("metre", "metres"),
        ["cm"] = new("centimetre", "centimetres"),
        ["mm"] = new("millimetre", "millimetres"),
        ["kg"] = new("kilogram", "kilograms"),
        ["g"] = new("gram", "grams"),
        ["mg"] = new("milligram", "milligrams"),
        ["l"] = new("litre", "litres"),
        ["L"] = new("litre", "litres"),
        ["ml"] = new("millilitre", "millilitres"),
        ["km/h"] = new("kilometre per hour", "kilometres per hour"),
        ["kph"] = new("kilometre per hour", "kilometres per hour"),
        ["mph"] = new("mile per hour", "miles per hour"),
        ["sqkm"] = new("square kilometre", "square kilometres"),
        ["km²"] = new("square kilometre", "square kilometres"),
        ["km2"] = new("square kilometre", "square kilometres"),
        ["sqm"] = new("square metre", "square metres"),
        ["m²"] = new("square metre", "square metres"),
        ["m³"] = new("cubic metre", "cubic metres"),
        ["ha"] = new("hectare", "hectares"),
        ["kW"] = new("kilowatt", "kilowatts"),
        ["MW"] = new("megawatt", "megawatts"),
        ["GW"] = new("gigawatt", "gigawatts"),
        ["kWh"] = new("kilowatt hour", "kilowatt hours"),
        ["MWh"] = new("megawatt hour", "megawatt hours"),
        ["GWh"] = new("gigawatt hour", "gigawatt hours"),
        ["MB"] = new("megabyte", "megabytes"),
        ["GB"] = new("gigabyte", "gigabytes"),
        ["TB"] = new("terabyte", "terabytes"),
        ["°C"] = new("degree Celsius", "degrees Celsius"),
        ["°F"] = new("degree Fahrenheit", "degrees Fahrenheit"),
        ["°"] = new("degree", "degrees"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The regex alternation of <see cref="Units"/>: longest first, so "km/h" wins over "km" and "m".</summary>
    public const string UnitPattern =
        @"km/h|kph|mph|sq\.?\s?km|sq\.?\s?m|km²|km2|m²|m³|kWh|MWh|GWh|km|cm|mm|kg|mg|ml|ha|kW|MW|GW|MB|GB|TB|°\s?C|°\s?F|°|m|g|l|L";

    /// <summary>
    /// Words that, after a four-digit number, make it a quantity rather than a year ("1500 tonnes", "2000 dinars"):
    /// the units and currencies said in full, and the symbols that are words.
    /// </summary>
    public static readonly FrozenSet<string> CountedWords = Units.Values.SelectMany(u => new[] { u.One, u.Many })
        .Concat(Currencies.Values.SelectMany(c => new[] { c.One, c.Many }))
        .Select(w => w.Split(' ')[^1])
        .Concat(Units.Keys).Concat(Currencies.Keys)
        .Concat(["tonne", "tonnes", "ton", "tons", "mile", "miles", "feet", "foot", "dinar", "dinars", "fils", "piastres",
            "riyals", "dirhams", "pounds", "lira", "liras", "shekels", "barrels", "percent", "per", "thousand", "million", "billion", "trillion"])
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Titles before a name, by their letters in lower case ("ltcol" for "Lt. Col.").</summary>
    public static readonly FrozenDictionary<string, string> Titles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["ltcol"] = "Lieutenant Colonel", ["ltgen"] = "Lieutenant General", ["majgen"] = "Major General",
        ["briggen"] = "Brigadier General", ["gen"] = "General", ["col"] = "Colonel", ["maj"] = "Major", ["lt"] = "Lieutenant",
        ["capt"] = "Captain", ["sgt"] = "Sergeant", ["cpl"] = "Corporal", ["adm"] = "Admiral", ["cmdr"] = "Commander",
        ["dr"] = "Doctor", ["prof"] = "Professor", ["mr"] = "Mister", ["mrs"] = "Missus", ["sen"] = "Senator",
        ["gov"] = "Governor", ["rep"] = "Representative", ["pres"] = "President", ["rev"] = "Reverend",
        ["supt"] = "Superintendent", ["insp"] = "Inspector", ["det"] = "Detective", ["amb"] = "Ambassador",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Titles the copy writes with a period; compound ones first so "Lt. Col." is one title.</summary>
    public const string TitlePattern =
        @"Lt\.?\s?Col|Lt\.?\s?Gen|Maj\.?\s?Gen|Brig\.?\s?Gen|Gen|Col|Maj|Lt|Capt|Sgt|Cpl|Adm|Cmdr|Dr|Prof|Mrs|Mr|Sen|Gov|Rep|Pres|Rev|Supt|Insp|Det|Amb";

    /// <summary>Titles also read without their period before a capitalised name ("Dr Smith", British style).</summary>
    public const string TitleWithoutPeriodPattern = "Gen|Dr|Prof|Mrs|Mr";

    /// <summary>Words that make "2-1" a score ("two one") rather than a range.</summary>
    public static readonly FrozenSet<string> ScoreWords =
        new[] { "won", "beat", "beats", "beating", "lost", "drew", "score", "scored", "scores", "scoreline" }
            .ToFrozenSet(StringComparer.OrdinalIgnoreCase);
}
