namespace RoyaAudio.Server.Listening;

/// <summary>What editors see: the article's totals and one row per UTC day with listening.</summary>
public sealed record ListeningReport(string ArticleId, string Title, ListeningTotals Totals, IReadOnlyList<ListeningDay> Days)
{
    public static ListeningReport For(string articleId, string title, IReadOnlyList<ListeningDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        var totals = new ListeningTotals
        {
            Plays = days.Sum(d => d.Plays),
            Reached25 = days.Sum(d => d.Reached25),
            Reached50 = days.Sum(d => d.Reached50),
            Reached75 = days.Sum(d => d.Reached75),
            Completed = days.Sum(d => d.Completed),
        };
        return new ListeningReport(articleId, title, totals, days);
    }
}

/// <summary>One article's totals, as the list of recent articles' listening gives them.</summary>
public sealed record ArticleListening(string ArticleId, ListeningTotals Totals);

/// <summary>Counters summed over every day.</summary>
public sealed record ListeningTotals : ListeningCounts;

/// <summary>One UTC day's counters (<c>yyyy-MM-dd</c>).</summary>
public sealed record ListeningDay : ListeningCounts
{
    public string Day { get; init; } = "";
}

/// <summary>Playbacks started, how many passed each quarter mark, and how many reached the end.</summary>
public abstract record ListeningCounts
{
    public long Plays { get; init; }
    public long Reached25 { get; init; }
    public long Reached50 { get; init; }
    public long Reached75 { get; init; }
    public long Completed { get; init; }

    /// <summary>
    /// Completed per play, null before the first play. Beacons can be lost (a closed tab), so this is an
    /// estimate and may in rare cases exceed 1; it is reported as measured rather than clipped.
    /// </summary>
    public double? CompletionRate => Plays == 0 ? null : Math.Round((double)Completed / Plays, 4);
}
