using Microsoft.AspNetCore.Http.HttpResults;
using RoyaAudio.Server.Operations;

namespace RoyaAudio.Server.Articles;

/// <summary>Every CMS webhook call is counted once by how it ended (<c>roya.webhook.requests</c>), refusals by their reason.</summary>
public sealed class WebhookCounting(ServiceMetrics metrics) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            var result = await next(context);
            // A handler's Results<…> wraps the result that carries the status.
            var answered = result is INestedHttpResult nested ? nested.Result : result;
            metrics.WebhookAnswered(Outcome(context.HttpContext.Request.Method, (answered as IStatusCodeHttpResult)?.StatusCode ?? StatusCodes.Status200OK));
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
}
