using RoyaAudio.Articles;

namespace RoyaAudio.Server.Articles;

/// <summary>
/// What the podcast feeds show of an article beside its audio, taken from the CMS JSON once, when the article is
/// stored, so that no feed request reads the JSON again.
/// </summary>
/// <param name="PublishedAt">The CMS's publishedAt, unix milliseconds; null when it sent none.</param>
/// <param name="Url">The article's page; null when the CMS sent none, or nothing a listener could open.</param>
/// <param name="Summary">The summary's points, one a line; null when there are none.</param>
public sealed record ArticleListing(long? PublishedAt, string? Url, string? Summary)
{
    public static ArticleListing None { get; } = new(null, null, null);

    public static ArticleListing Of(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var url = article.Url?.Trim();
        var points = article.Summary
            .Select(point => string.Join(' ', point.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(point => point.Length > 0)
            .ToList();
        return new(
            article.PublishedAt?.ToUnixTimeMilliseconds(),
            Uri.TryCreate(url, UriKind.Absolute, out var page) && page.Scheme is "http" or "https" ? url : null,
            points.Count == 0 ? null : string.Join('\n', points));
    }

    /// <summary>From stored CMS JSON; JSON today's reader refuses gives nothing rather than stopping an upgrade.</summary>
    public static ArticleListing FromSource(string source)
    {
        try
        {
            return Of(ArticleReader.Parse(source));
        }
        catch (ArticleInputException)
        {
            return None;
        }
    }
}
