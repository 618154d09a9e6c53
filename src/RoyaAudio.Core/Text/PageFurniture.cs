namespace RoyaAudio.Text;

/// <summary>One edition's page furniture, for <see cref="PageChromeFilter"/>.</summary>
public sealed record PageFurniture
{
    /// <summary>
    /// Regular expressions (case-insensitive, whitespace in them ignored) that a whole paragraph matches when it is
    /// furniture: gallery labels, the player's own label and AI note, dates, share prompts. Anchor nothing:
    /// the filter matches each against the whole paragraph.
    /// </summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    /// <summary>Words, matched with their case, that open a byline ("By", "بقلم"), followed by capitalised names.</summary>
    public IReadOnlyList<string> Bylines { get; init; } = [];
}
