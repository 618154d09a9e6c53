using RoyaAudio.Text;

namespace RoyaAudio.Editions;

/// <summary>The English edition.</summary>
public static class EnglishEdition
{
    public const string Code = "en";

    public static Edition Edition { get; } = new()
    {
        Code = Code,
        Iso639_2 = "eng",
        Direction = TextDirection.LeftToRight,
        Name = "English",
        NativeName = "English",
        Player = new()
        {
            Listen = "Listen to this story:",
            Play = "Play",
            Pause = "Pause",
            Back = "Back 15 seconds",
            Forward = "Forward 15 seconds",
            Seek = "Position in the story",
            Elapsed = "Elapsed time",
            Of = "of",
            Speed = "Playback speed",
            Download = "Download",
            Transcript = "Transcript",
            Captions = "English",
            Preparing = "Audio is being prepared.",
            Note = "Note:",
            Updated = "Audio updated",
            Months = "January,February,March,April,May,June,July,August,September,October,November,December",
        },
        Disclosure = "AI technology was used to generate this article's audio.",
        Voices = new(
            Espeak: "en-us",
            OpenAi: "alloy",
            ReadingStyle: "Read as a calm, clear news presenter. Neutral tone, steady pace, natural pauses between sentences."),
        // Deep blue with a warm red mark.
        Colours = new(Ground: "#123A63", Mark: "#E8463A"),
        Furniture = new()
        {
            Lines =
            [
                """(?:image|photo|picture|video)\s+\d+\s+(?:from|of)\s+(?:the\s+)?gallery""",
                """listen\s+to\s+(?:this|the)\s+(?:story|article)\s*:?""",
                """(?:note\s*:\s*)?ai\s+technology\s+was\s+used\s+to\s+generate\s+this\s+article.{0,3}s\s+audio\.?""",
                """(?:published|last\s+updated|updated|posted)\s*(?::.{0,40}|on\s+[^.]{0,30}\d[^.]{0,10}|\|)?""",
                """\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?)\s+ago\s*\|?""",
                """(?:share|share\s+this|follow\s+us(?:\s+on\s+[\p{L}\s,&]{1,40})?|read\s+more|advertisement|related(?:\s+articles|\s+news)?)\s*:?""",
            ],
            Bylines = ["By", "BY"],
        },
        // English copy quotes Arabic titles as they are ("د. Ahmad"), so their periods keep the sentence going.
        Splitting = Words.Borrowing(ArabicEdition.Words),
        SpokenForms = EnglishSpokenForms.Rules,
    };

    /// <summary>The English words alone, which the Arabic edition borrows for the Latin names and titles in its copy.</summary>
    internal static SplitterRules Words => new()
    {
        Abbreviations = new Dictionary<AbbreviationKind, IReadOnlyList<string>>
        {
            [AbbreviationKind.NeverEnds] =
            [
                // Titles, which always precede a name.
                "mr", "mrs", "ms", "messrs", "mmes", "dr", "drs", "prof", "profs", "st", "sts", "mt", "gen", "sen", "sens",
                "rep", "reps", "gov", "lt", "col", "sgt", "capt", "cmdr", "adm", "maj", "cpl", "pvt", "rev", "hon", "pres",
                "supt", "insp", "det", "amb", "atty", "msgr",
                // Connectives that sit mid-sentence.
                "vs", "v", "cf", "viz", "e.g", "i.e",
            ],
            [AbbreviationKind.BeforeNumber] =
            [
                "no", "nos", "nr", "n°", "nº", "p", "pp", "vol", "vols", "fig", "figs", "art", "arts", "ch", "chap", "sec",
                "secs", "para", "op", "approx", "ca", "c", "est", "tel", "ext", "apt", "rm", "ste", "pt",
            ],
            [AbbreviationKind.EndsBeforeStarter] =
            [
                "inc", "corp", "ltd", "co", "cos", "llc", "plc", "jr", "sr", "bros", "esq", "dept", "govt", "univ", "assn",
                "ave", "blvd", "rd", "hwy",
                // Months and weekdays, leaving out those that are also common words (May, Sat, Sun, Wed).
                "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
                "mon", "tue", "tues", "thu", "thur", "thurs", "fri",
                // US states as datelines write them, leaving out those that are also English words.
                "ariz", "calif", "colo", "conn", "fla", "ga", "ky", "md", "mich", "minn", "nev", "okla", "pa", "tenn", "va",
            ],
            [AbbreviationKind.EndsBeforeCapital] = ["etc", "al"], // "et al."
            [AbbreviationKind.Time] = ["a.m", "p.m"],
        },
        SentenceStarters =
        [
            "A", "After", "Also", "An", "And", "As", "At", "Before", "Being", "But", "By", "Did", "Do", "Does", "During",
            "Each", "Even", "For", "From", "He", "Her", "Here", "His", "How", "However", "I", "If", "In", "Is", "It", "Its",
            "Last", "Meanwhile", "Millions", "More", "Most", "My", "No", "Not", "Now", "On", "One", "Our", "She", "Since",
            "So", "Some", "Still", "That", "The", "Their", "There", "These", "They", "This", "Those", "Thus", "To", "Under",
            "We", "What", "When", "Where", "Which", "While", "Who", "Why", "With", "Yet", "You", "Your",
        ],
        TimeFollowers =
        [
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
            "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "MST", "MDT", "PT", "PST", "PDT", "GMT", "UTC", "BST", "CET",
            "CEST", "Eastern", "Pacific", "Central",
        ],
        TimePrepositions =
        [
            "About", "After", "Around", "At", "Before", "Beginning", "By", "From", "Shortly", "Since", "Starting", "Till",
            "Until",
        ],
    };
}
