namespace RoyaAudio.Server.Articles;

/// <summary>The newest version of an article the CMS sent, as stored.</summary>
public sealed record ArticleRow
{
    public string Id { get; init; } = "";
    public string Language { get; init; } = "";
    public string Title { get; init; } = "";

    /// <summary>The article JSON exactly as received: workers render from it.</summary>
    public string Source { get; init; } = "";
    public string ScriptHash { get; init; } = "";
    public long Characters { get; init; }
    public long Published { get; init; }
    public long AutoRegenerate { get; init; } = 1;

    /// <summary>The engine an editor chose for this article; null reads with the deployment's default.</summary>
    public string? Engine { get; init; }

    /// <summary>The voice an editor chose for this article; null reads with the engine's voice for the language.</summary>
    public string? Voice { get; init; }
    public long ReceivedAt { get; init; }

    /// <summary>
    /// The webhook timestamp (unix seconds) of the newest version or unpublish accepted; an older signed
    /// call is a replay or a late retry and is refused, so it cannot roll the article back.
    /// </summary>
    public long? SignedAt { get; init; }
    public long? CurrentRenditionId { get; init; }

    /// <summary>The CMS's publishedAt (unix milliseconds), which the podcast feeds date the episode by.</summary>
    public long? PublishedAt { get; init; }

    /// <summary>The article's page on the newsroom's site, which a podcast episode links to.</summary>
    public string? Url { get; init; }

    /// <summary>The article's summary points, one a line, which a podcast episode is described by.</summary>
    public string? Summary { get; init; }

    public bool IsPublished => Published != 0;

    public bool RegeneratesAutomatically => AutoRegenerate != 0;
}

/// <summary>An article as the editor's list shows it: its newest rendition's state and its current audio's size.</summary>
public sealed record ArticleOverview
{
    public string Id { get; init; } = "";
    public string Language { get; init; } = "";
    public string Title { get; init; } = "";
    public long Published { get; init; }
    public long AutoRegenerate { get; init; }
    public long Characters { get; init; }
    public string? LatestStatus { get; init; }
    public string? LatestReason { get; init; }
    public long? LatestAttempts { get; init; }
    public long? CurrentDurationMs { get; init; }
    public double? CurrentCostUsd { get; init; }
    public long? CurrentFlaggedSentences { get; init; }
    public long ReviewPending { get; init; }
    public long Plays { get; init; }
    public long Completed { get; init; }

    public bool IsPublished => Published != 0;

    public bool RegeneratesAutomatically => AutoRegenerate != 0;
}

/// <summary>What the desk's list asks for: a search in titles (or an exact id), filters, and a page.</summary>
/// <param name="Status">The newest rendition's status, or "none".</param>
/// <param name="ReviewOnly">Only articles whose audio holds flagged sentences nobody accepted.</param>
/// <param name="Ids">Only these articles (the outdated filter's candidates); null for any.</param>
public sealed record DeskQuery(string? Search, string? Language, string? Status, bool ReviewOnly, int Page, int PageSize, IReadOnlyList<string>? Ids = null);
