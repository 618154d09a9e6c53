using Microsoft.Net.Http.Headers;
using RoyaAudio.Server.Articles;
using RoyaAudio.Server.Database;
using RoyaAudio.Server.Hosting;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Security;

namespace RoyaAudio.Server.Listening;

/// <summary>Listening analytics without personal data, and the podcast feeds.</summary>
public static class ListeningEndpoints
{
    public static void MapListening(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The body is read by hand: the player's sendBeacon sends text/plain, which JSON binding would refuse.
        app.MapPost("/api/events", RecordAsync)
            .RequireCors(ServiceSetup.ArticleSites).RequireRateLimiting(Security.RateLimitOptions.Public).WithTags("Listeners")
            .WithSummary("Count a listening event: {\"articleId\":\"…\",\"event\":\"play\"|\"25\"|\"50\"|\"75\"|\"100\"} as application/json or text/plain")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/api/articles/{id}/listening", ReportAsync)
            .RequireAuthorization(Policies.Editor).WithTags("Editors")
            .WithSummary("Plays, quarter marks reached, completions and completion rate of an article, in total and per UTC day")
            .Produces<ListeningReport>().ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPodcastFeeds();
    }

    /// <summary>
    /// Reads only the body. The caller's address, user agent and cookies are never looked at: the event
    /// becomes one counter increment for the article and day, and nothing else is kept.
    /// </summary>
    private static async Task<IResult> RecordAsync(
        HttpRequest request, AppDatabase database, TimeProvider clock, ServiceMetrics metrics, CancellationToken cancellationToken)
    {
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

        if (!await new ListeningStore(database, clock).CountAsync(listened, cancellationToken))
        {
            return Problems.NotFound($"audio for article '{Short(listened.ArticleId)}'");
        }

        if (listened.Milestone == Milestone.Play)
        {
            metrics.Played();
        }

        return Results.NoContent();
    }

    private static async Task<IResult> ReportAsync(
        string id, ArticleStore articles, AppDatabase database, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Ids that no article can have are refused before they reach the database.
        var article = ListeningEvent.IsArticleId(id) ? await articles.GetAsync(id, cancellationToken) : null;
        if (article is null)
        {
            return Problems.NotFound($"article '{Short(id)}'");
        }

        var days = await new ListeningStore(database, clock).DaysAsync(article.Id, cancellationToken);
        return Results.Ok(ListeningReport.For(article.Id, article.Title, days));
    }

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

    private static string Short(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
