namespace RoyaAudio.Articles;

/// <summary>An article as the CMS sends it. <see cref="Body"/> is HTML or plain text with blank lines between paragraphs.</summary>
public sealed record Article
{
    public required string Id { get; init; }
    public required string Language { get; init; }
    public required string Title { get; init; }
    public required string Body { get; init; }
    public IReadOnlyList<string> Summary { get; init; } = [];
    public string? Url { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    public ArticleStatus Status { get; init; } = ArticleStatus.Published;
}

public enum ArticleStatus
{
    Published,
    Draft,
}
