using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RoyaAudio.Server.Articles;
using RoyaAudio.Server.Hosting;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Player;
using RoyaAudio.Server.Security;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Listening;

/// <summary>Listening analytics without personal data, and the podcast feeds.</summary>
public static class ListeningEndpoints
{
    public static void MapListening(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The body is read by hand: the player posts a string (text/plain, no CORS preflight), which JSON binding would refuse.
        app.MapPost("/api/events", RecordAsync)
            .RequireCors(ServiceSetup.ArticleSites).RequireRateLimiting(Security.RateLimitOptions.Public).WithTags("Listeners")
            .WithSummary("Count a listening event: {\"articleId\":\"…\",\"event\":\"play\"|\"25\"|\"50\"|\"75\"|\"100\",\"token\":\"<playToken from the audio API>\"} as application/json or text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/api/articles/{id}/listening", ReportAsync)
            .RequireAuthorization(Policies.Editor).WithTags("Editors")
            .WithSummary("Plays, quarter marks reached, completions and completion rate of an article, in total and per UTC day")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/listening", RecentTotalsAsync)
            .RequireAuthorization(Policies.Editor).WithTags("Editors")
            .WithSummary("Listening totals of the most recent articles in one answer: the articles GET /api/articles?limit= lists, in its order");
        app.MapPodcastFeeds();
    }

    /// <summary>
    /// Reads the body and the Origin, nothing else: the caller's address, user agent and cookies are never
    /// looked at. An event counts only from the newsroom's article sites or the embed, with a play token
    /// from the audio API, once per page view and mark.
    /// </summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> RecordAsync(
        HttpRequest request, [AsParameters] Recording services, CancellationToken cancellationToken)
    {
        var (listening, metrics, tokens, player, address) = services;
        if (!IsBeaconType(request.ContentType))
        {
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, "send the event as application/json or text/plain");
        }

        if (request.ContentLength > ListeningEvent.MaxBodyBytes || await ReadAtMostAsync(request.Body, cancellationToken) is not { } body)
        {
            return Problems.Of(StatusCodes.Status413PayloadTooLarge, $"an event is at most {ListeningEvent.MaxBodyBytes} bytes");
        }

        var reading = ListeningEvent.Read(body);
        if (reading.Event is not { } listened)
        {
            return Problems.Of(reading.Status, reading.Problem ?? "the event is not valid");
        }

        var origin = request.Headers.Origin.ToString();
        if (!string.Equals(origin, address.Origin(request), StringComparison.OrdinalIgnoreCase)
            && !player.Value.AllowedOrigins.Select(PlayerOptions.OriginOf).Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            return Problems.Of(
                StatusCodes.Status403Forbidden,
                $"events count only from the newsroom's article sites (Player:AllowedOrigins) and the embed; this one came from '{(origin.Length == 0 ? "no origin" : Excerpt.Of(origin))}'");
        }

        if (tokens.ViewOf(listened.Token, listened.ArticleId) is not { } view)
        {
            return Problems.Of(StatusCodes.Status403Forbidden, "the event has no valid play token for this article: the player takes one from the audio API with the audio");
        }

        switch (await listening.CountAsync(listened, view, cancellationToken))
        {
            case Counted.NoAudio:
                return Problems.NotFound($"audio for article '{Excerpt.Of(listened.ArticleId)}'");
            case Counted.WithoutPlay:
                return Problems.Of(StatusCodes.Status409Conflict, "a quarter mark counts only after this page view's play");
            case Counted.Yes when listened.Milestone == Milestone.Play:
                metrics.Played();
                break;
        }

        return TypedResults.NoContent();
    }

    /// <summary>What counting an event needs besides the request, bound from DI.</summary>
    private sealed record Recording(ListeningStore Listening, ServiceMetrics Metrics, PlayTokens Tokens, IOptions<PlayerOptions> Player, PublicAddress Address);

    private static async Task<Results<Ok<ListeningReport>, ProblemHttpResult>> ReportAsync(
        string id, ArticleStore articles, ListeningStore listening, CancellationToken cancellationToken)
    {
        // Ids that no article can have are refused before they reach the database.
        var article = ListeningEvent.IsArticleId(id) ? await articles.GetAsync(id, cancellationToken) : null;
        if (article is null)
        {
            return Problems.NotFound($"article '{Excerpt.Of(id)}'");
        }

        var days = await listening.DaysAsync(article.Id, cancellationToken);
        return TypedResults.Ok(ListeningReport.For(article.Id, article.Title, days));
    }

    private static async Task<Ok<IReadOnlyList<ArticleListening>>> RecentTotalsAsync(int? limit, ListeningStore listening, CancellationToken cancellationToken) =>
        TypedResults.Ok(await listening.RecentTotalsAsync(Math.Clamp(limit ?? 50, 1, 500), cancellationToken));

    /// <summary>sendBeacon with a string sends text/plain (no CORS preflight); fetch sends JSON; a bare buffer sends none.</summary>
    private static bool IsBeaconType(string? contentType) =>
        string.IsNullOrEmpty(contentType)
        || (MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && (parsed.MediaType.Equals("text/plain", StringComparison.OrdinalIgnoreCase)
                || parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)));

    /// <summary>The body, or null when it is longer than an event may be (a chunked body has no length to check first).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[ListeningEvent.MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > ListeningEvent.MaxBodyBytes ? null : buffer[..length];
    }

}
