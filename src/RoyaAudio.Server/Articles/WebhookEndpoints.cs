using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RoyaAudio.Articles;
using RoyaAudio.Server.Jobs;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Renditions;
using RoyaAudio.Server.Security;
using System.Text;

namespace RoyaAudio.Server.Articles;

/// <summary>
/// The CMS's door: <c>POST /api/articles</c> upserts an article, <c>DELETE /api/articles/{id}</c> unpublishes
/// it. Both are HMAC-signed; both answer fast, because rendering happens on the workers.
/// </summary>
public static class WebhookEndpoints
{
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void MapWebhook(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/articles").WithTags("CMS webhook").DisableAntiforgery().AddEndpointFilter(CountAsync);
        group.MapPost("", PublishAsync)
            .WithSummary("Upsert an article (HMAC-signed); a render is queued when its speech script changed")
            .Produces<ArticleAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapDelete("/{id}", UnpublishAsync)
            .WithSummary("Unpublish an article (HMAC-signed over the id): its audio is removed")
            .Produces<ArticleAccepted>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> PublishAsync(
        HttpContext http, IOptions<SecurityOptions> security, ScriptPlanner planner, ArticleStore articles, RenderScheduler queue,
        TimeProvider clock, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var (body, signedAt, refusal) = await ReadSignedBodyAsync(http, security.Value, clock, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        Article article;
        PlannedScript? plan = null;
        try
        {
            article = ArticleReader.Parse(StrictUtf8.GetString(body));
            if (article.Status == ArticleStatus.Published)
            {
                // An editor's choice of engine and voice for this article outlives the CMS's edits.
                var known = await articles.GetAsync(article.Id, cancellationToken);
                plan = await planner.PlanAsync(article, known?.Engine, known?.Voice, cancellationToken);
            }
        }
        catch (System.Text.DecoderFallbackException e)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, $"the body is not valid UTF-8 (at byte {e.Index})");
        }
        catch (ArticleInputException e)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, e.Message);
        }

        var row = new ArticleRow
        {
            Id = article.Id,
            Language = article.Language,
            Title = article.Title,
            Source = Encoding.UTF8.GetString(body),
            ScriptHash = plan?.Hash ?? "",
            Characters = plan?.Script.SpokenCharacters ?? 0,
            Published = article.Status == ArticleStatus.Published ? 1 : 0,
            SignedAt = signedAt,
        };
        var acceptance = await articles.AcceptAsync(row, plan?.Engine ?? "", cancellationToken);
        if (acceptance.Stale)
        {
            return Problems.Of(
                StatusCodes.Status409Conflict,
                $"article '{Truncate(article.Id)}' has a newer version (signed at {acceptance.Article.SignedAt}) than this one (signed at {signedAt}): a replay or a late retry changes nothing");
        }

        if (acceptance.Queued is { } queued)
        {
            try
            {
                await queue.EnqueueAsync(queued, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Accepted is accepted: the rendition is stored as queued and maintenance enqueues it again.
                logs.CreateLogger("RoyaAudio.Server.Webhook").LogError(e, "article {ArticleId}: rendition {RenditionId} stored but not enqueued", article.Id, queued.Id);
            }
        }
        else if (!row.IsPublished)
        {
            await http.RequestServices.GetRequiredService<MaintenanceJob>().RemoveWithdrawnAsync(article.Id, cancellationToken);
        }

        return Results.Json(ArticleAccepted.From(acceptance), statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> UnpublishAsync(
        string id, HttpContext http, IOptions<SecurityOptions> security, ArticleStore articles, MaintenanceJob maintenance,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var (_, signedAt, refusal) = await ReadSignedBodyAsync(http, security.Value, clock, cancellationToken, signedText: id);
        if (refusal is not null)
        {
            return refusal;
        }

        switch (await articles.UnpublishAsync(id, signedAt, cancellationToken))
        {
            case Unpublished.Unknown:
                return Problems.NotFound($"article '{Truncate(id)}'");
            case Unpublished.Stale:
                return Problems.Of(
                    StatusCodes.Status409Conflict,
                    $"article '{Truncate(id)}' changed after this unpublish was signed (at {signedAt}): a replayed or late unpublish is refused");
        }

        await maintenance.RemoveWithdrawnAsync(id, cancellationToken);
        return Results.Ok(new ArticleAccepted(id, RenditionStatus.Withdrawn, null, Changed: true));
    }

    /// <summary>Every call is counted once by how it ended (<c>roya.webhook.requests</c>), refusals by their reason.</summary>
    private static async ValueTask<object?> CountAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var metrics = context.HttpContext.RequestServices.GetRequiredService<ServiceMetrics>();
        try
        {
            var result = await next(context);
            metrics.WebhookAnswered(Outcome(context.HttpContext.Request.Method, (result as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK));
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database or the queue was away: the CMS got a 503 and will retry.
            metrics.WebhookAnswered("unavailable");
            throw;
        }
    }

    private static string Outcome(string method, int status) => status switch
    {
        < 300 => HttpMethods.IsDelete(method) ? "unpublished" : "accepted",
        StatusCodes.Status400BadRequest => "malformed",
        StatusCodes.Status401Unauthorized => "bad_signature",
        StatusCodes.Status404NotFound => "unknown_article",
        StatusCodes.Status413PayloadTooLarge => "too_large",
        StatusCodes.Status422UnprocessableEntity => "unreadable_article",
        StatusCodes.Status503ServiceUnavailable => "not_configured",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Judges the headers first (a missing, malformed or stale signature is refused before a byte of the
    /// body is read), then reads at most the size limit while hashing it, in one of a few reading slots.
    /// Any refusal comes back as the problem to answer with; refused callers are counted per address.
    /// </summary>
    private static async Task<(byte[] Body, long SignedAt, IResult? Refusal)> ReadSignedBodyAsync(
        HttpContext http, SecurityOptions security, TimeProvider clock, CancellationToken cancellationToken, string? signedText = null)
    {
        if (string.IsNullOrEmpty(security.WebhookSecret))
        {
            return ([], 0, Problems.Of(StatusCodes.Status503ServiceUnavailable, "the webhook is not configured: the operator must set Security__WebhookSecret"));
        }

        var gate = http.RequestServices.GetRequiredService<WebhookGate>();
        var caller = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (gate.IsTurnedAway(caller))
        {
            http.Response.Headers.RetryAfter = "60";
            return ([], 0, Problems.Of(StatusCodes.Status429TooManyRequests, $"too many refused webhook calls from this address; retry in a minute (at most {gate.RefusalsPerMinute} a minute)"));
        }

        var signature = http.Request.Headers[WebhookSignature.SignatureHeader].ToString();
        var (signedAt, stale) = WebhookSignature.CheckHeaders(
            http.Request.Headers[WebhookSignature.TimestampHeader], signature, clock.GetUtcNow(), TimeSpan.FromSeconds(security.WebhookToleranceSeconds));
        if (stale is not null)
        {
            gate.Refused(caller);
            return ([], 0, Problems.Of(StatusCodes.Status401Unauthorized, stale));
        }

        if (http.Request.ContentLength > security.MaxBodyBytes)
        {
            gate.Refused(caller);
            return ([], 0, TooLarge(security));
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Kestrel stops a body that grows past the limit, whatever Content-Length claimed.
            limit.MaxRequestBodySize = security.MaxBodyBytes;
        }

        using var slot = await gate.ReadingSlotAsync(cancellationToken);
        using var hmac = WebhookSignature.Start(security.WebhookSecret, signedAt);
        if (signedText is not null)
        {
            hmac.AppendData(Encoding.UTF8.GetBytes(signedText));
            if (WebhookSignature.Verify(signature, hmac) is { } forged)
            {
                gate.Refused(caller);
                return ([], 0, Problems.Of(StatusCodes.Status401Unauthorized, forged));
            }

            return ([], signedAt, null);
        }

        // Read into pooled arrays and copy out only a body whose signature holds: a forged flood then
        // reuses the same few buffers instead of leaving 8 MB arrays for the collector.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(http.Request.ContentLength ?? 81920, security.MaxBodyBytes) + 1);
        var length = 0;
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                hmac.AppendData(buffer, length, read);
                length += read;
                if (length > security.MaxBodyBytes)
                {
                    gate.Refused(caller);
                    return ([], 0, TooLarge(security));
                }

                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, security.MaxBodyBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            if (WebhookSignature.Verify(signature, hmac) is { } forgedBody)
            {
                gate.Refused(caller);
                return ([], 0, Problems.Of(StatusCodes.Status401Unauthorized, forgedBody));
            }

            return (buffer.AsSpan(0, length).ToArray(), signedAt, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IResult TooLarge(SecurityOptions security) =>
        Problems.Of(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {security.MaxBodyBytes} bytes");

    private static string Truncate(string text) => text.Length <= 64 ? text : text[..64] + "…";
}

/// <summary>The webhook's answer: what stands for the article now.</summary>
/// <param name="Status">The newest rendition's status (queued, rendering, ready…), or none.</param>
/// <param name="Changed">Whether this call queued a new render.</param>
public sealed record ArticleAccepted(string ArticleId, string Status, long? RenditionId, bool Changed)
{
    public static ArticleAccepted From(Acceptance acceptance)
    {
        ArgumentNullException.ThrowIfNull(acceptance);
        return new(
            acceptance.Article.Id,
            acceptance.Article.IsPublished ? acceptance.Current?.Status ?? "none" : RenditionStatus.Withdrawn,
            acceptance.Current?.Id,
            acceptance.Queued is not null);
    }
}
