namespace RoyaAudio.Editions;

/// <summary>The player's visible labels and the names screen readers announce, in one edition's language.</summary>
public sealed record PlayerWording
{
    public required string Listen { get; init; }
    public required string Play { get; init; }
    public required string Pause { get; init; }
    public required string Back { get; init; }
    public required string Forward { get; init; }
    public required string Seek { get; init; }
    public required string Elapsed { get; init; }

    /// <summary>Joins position and length for screen readers: "0:12 of 1:43".</summary>
    public required string Of { get; init; }
    public required string Speed { get; init; }
    public required string Download { get; init; }
    public required string Transcript { get; init; }

    /// <summary>The captions track's name, which is the language's own name.</summary>
    public required string Captions { get; init; }

    /// <summary>Shown instead of the player while the audio is queued or rendering.</summary>
    public required string Preparing { get; init; }

    /// <summary>Put before the AI disclosure: "Note: AI technology was used …".</summary>
    public required string Note { get; init; }

    /// <summary>Put before the date newer audio replaced the article's first: "Audio updated 1 December 2026".</summary>
    public required string Updated { get; init; }

    /// <summary>
    /// The Gregorian months as the edition's readers write them, January first, separated by commas; a date reads
    /// day, month, year in Latin digits: "1 December 2026", "1 كانون الأول 2026" (the names used in Jordan).
    /// </summary>
    public required string Months { get; init; }

    /// <summary>Month <paramref name="month"/> (1 for January) of a comma-separated list such as <see cref="Months"/>.</summary>
    public static string MonthOf(string months, int month)
    {
        ArgumentNullException.ThrowIfNull(months);
        return months.Split(',')[month - 1].Trim();
    }
}
