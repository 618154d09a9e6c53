using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using RoyaAudio.Articles;
using RoyaAudio.Server.Jobs;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Renditions;
using System.Text;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Articles;

/// <summary>
/// The CMS's door: <c>POST /api/articles</c> upserts an article, <c>DELETE /api/articles/{id}</c> unpublishes
/// it. Both are HMAC-signed; both answer fast, because rendering happens on the workers.
/// </summary>
public static class WebhookEndpoints
{
    public static void MapWebhook(this IEndpointRouteBuilder app)
    {
        // Counted first, so refusals of the signature check are counted too.
        var group = app.MapGroup("/api/articles").WithTags("CMS webhook").DisableAntiforgery()
            .AddEndpointFilter<WebhookCounting>().AddEndpointFilter<SignedWebhookFilter>();
        group.MapPost("", PublishAsync)
            .WithSummary("Upsert an article (HMAC-signed); a render is queued when its speech script changed")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapDelete("/{id}", UnpublishAsync)
            .WithSummary("Unpublish an article (HMAC-signed over the id): its audio is removed")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    /// <summary>What publishing needs besides the request, bound from DI.</summary>
    private sealed record Publishing(ScriptPlanner Planner, ArticleStore Articles, RenderScheduler Queue, MaintenanceJob Maintenance, ILoggerFactory Logs);

    private static async Task<Results<Accepted<ArticleAccepted>, ProblemHttpResult>> PublishAsync(
        HttpContext http, [AsParameters] Publishing services, CancellationToken cancellationToken)
    {
        var (planner, articles, queue, maintenance, logs) = services;
        var (body, signedAt) = http.Features.GetRequiredFeature<SignedRequest>();

        Article article;
        PlannedScript? plan = null;
        try
        {
            article = ArticleReader.Parse(StrictUtf8.Encoding.GetString(body));
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

        var listing = ArticleListing.Of(article);
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
            PublishedAt = listing.PublishedAt,
            Url = listing.Url,
            Summary = listing.Summary,
        };
        var acceptance = await articles.AcceptAsync(row, plan?.Engine ?? "", cancellationToken);
        if (acceptance.Stale)
        {
            return Problems.Of(
                StatusCodes.Status409Conflict,
                $"article '{Excerpt.Of(article.Id)}' has a newer version (signed at {acceptance.Article.SignedAt}) than this one (signed at {signedAt}): a replay or a late retry changes nothing");
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
            await maintenance.RemoveWithdrawnAsync(article.Id, cancellationToken);
        }

        return TypedResults.Accepted((string?)null, ArticleAccepted.From(acceptance));
    }

    private static async Task<Results<Ok<ArticleAccepted>, ProblemHttpResult>> UnpublishAsync(
        string id, HttpContext http, ArticleStore articles, MaintenanceJob maintenance, CancellationToken cancellationToken)
    {
        var signedAt = http.Features.GetRequiredFeature<SignedRequest>().SignedAt;

        switch (await articles.UnpublishAsync(id, signedAt, cancellationToken))
        {
            case Unpublished.Unknown:
                return Problems.NotFound($"article '{Excerpt.Of(id)}'");
            case Unpublished.Stale:
                return Problems.Of(
                    StatusCodes.Status409Conflict,
                    $"article '{Excerpt.Of(id)}' changed after this unpublish was signed (at {signedAt}): a replayed or late unpublish is refused");
        }

        await maintenance.RemoveWithdrawnAsync(id, cancellationToken);
        return TypedResults.Ok(new ArticleAccepted(id, RenditionStatus.Withdrawn, null, Changed: true));
    }
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
