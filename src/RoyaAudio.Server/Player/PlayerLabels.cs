using RoyaAudio.Editions;

namespace RoyaAudio.Server.Player;

/// <summary>
/// What the player says in one edition's language: visible labels and the names screen readers announce.
/// A language added in configuration starts empty, so a forgotten label fails at start instead of
/// showing English on an Arabic page.
/// </summary>
public sealed class PlayerLabels
{
    /// <summary>ltr or rtl: the label, the note and the transcript follow it; the playback controls stay ltr, like a timeline.</summary>
    public string Direction { get; set; } = "";

    public string Listen { get; set; } = "";
    public string Play { get; set; } = "";
    public string Pause { get; set; } = "";
    public string Back { get; set; } = "";
    public string Forward { get; set; } = "";
    public string Seek { get; set; } = "";
    public string Elapsed { get; set; } = "";

    /// <summary>Joins position and length for screen readers: "0:12 of 1:43".</summary>
    public string Of { get; set; } = "";
    public string Speed { get; set; } = "";
    public string Download { get; set; } = "";
    public string Transcript { get; set; } = "";
    public string Captions { get; set; } = "";

    /// <summary>Shown instead of the player while the audio is queued or rendering.</summary>
    public string Preparing { get; set; } = "";

    /// <summary>Put before the AI disclosure: "Note: AI technology was used …".</summary>
    public string Note { get; set; } = "";

    /// <summary>Put before the date of audio that replaced the article's first: "Audio updated 1 December 2026".</summary>
    public string Updated { get; set; } = "";

    /// <summary>The twelve Gregorian month names, January first, separated by commas: a date reads "1 December 2026".</summary>
    public string Months { get; set; } = "";

    internal IEnumerable<(string Name, string Value)> All() =>
    [
        (nameof(Direction), Direction), (nameof(Listen), Listen), (nameof(Play), Play), (nameof(Pause), Pause),
        (nameof(Back), Back), (nameof(Forward), Forward), (nameof(Seek), Seek), (nameof(Elapsed), Elapsed),
        (nameof(Of), Of), (nameof(Speed), Speed), (nameof(Download), Download), (nameof(Transcript), Transcript),
        (nameof(Captions), Captions), (nameof(Preparing), Preparing), (nameof(Note), Note),
        (nameof(Updated), Updated), (nameof(Months), Months),
    ];

    /// <summary>The labels <paramref name="edition"/> words, in its direction.</summary>
    public static PlayerLabels For(Edition edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        var words = edition.Player;
        return new()
        {
            Direction = edition.HtmlDirection,
            Listen = words.Listen,
            Play = words.Play,
            Pause = words.Pause,
            Back = words.Back,
            Forward = words.Forward,
            Seek = words.Seek,
            Elapsed = words.Elapsed,
            Of = words.Of,
            Speed = words.Speed,
            Download = words.Download,
            Transcript = words.Transcript,
            Captions = words.Captions,
            Preparing = words.Preparing,
            Note = words.Note,
            Updated = words.Updated,
            Months = words.Months,
        };
    }
}
