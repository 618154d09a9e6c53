using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Security;

namespace RoyaAudio.Server.Articles;

/// <summary>
/// Lets a CMS webhook call reach its handler only with a valid HMAC signature. Judges the headers first (a
/// missing, malformed or stale signature is refused before a byte of the body is read), then reads at most the
/// size limit while hashing it, in one of a few reading slots; refused callers are counted per address. The
/// verified body reaches the handler as the request's <see cref="SignedRequest"/> feature. An unpublish is
/// signed over the article id in its path.
/// </summary>
public sealed class SignedWebhookFilter(IOptions<SecurityOptions> options, WebhookGate gate, TimeProvider clock) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var signedText = HttpMethods.IsDelete(http.Request.Method) ? http.GetRouteValue("id") as string ?? "" : null;
        var (signed, refusal) = await ReadAsync(http, signedText, http.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        http.Features.Set(signed);
        return await next(context);
    }

    private async Task<(SignedRequest? Signed, ProblemHttpResult? Refusal)> ReadAsync(HttpContext http, string? signedText, CancellationToken cancellationToken)
    {
        var security = options.Value;
        if (string.IsNullOrEmpty(security.WebhookSecret))
        {
            return (null, Problems.Of(StatusCodes.Status503ServiceUnavailable, "the webhook is not configured: the operator must set Security__WebhookSecret"));
        }

        var caller = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (gate.IsTurnedAway(caller))
        {
            http.Response.Headers.RetryAfter = "60";
            return (null, Problems.Of(StatusCodes.Status429TooManyRequests, $"too many refused webhook calls from this address; retry in a minute (at most {gate.RefusalsPerMinute} a minute)"));
        }

        ProblemHttpResult Refuse(int status, string detail)
        {
            gate.Refused(caller);
            return Problems.Of(status, detail);
        }

        var signature = http.Request.Headers[WebhookSignature.SignatureHeader].ToString();
        var (signedAt, stale) = WebhookSignature.CheckHeaders(
            http.Request.Headers[WebhookSignature.TimestampHeader], signature, clock.GetUtcNow(), TimeSpan.FromSeconds(security.WebhookToleranceSeconds));
        if (stale is not null)
        {
            return (null, Refuse(StatusCodes.Status401Unauthorized, stale));
        }

        var tooLarge = $"the body is larger than {security.MaxBodyBytes} bytes";
        if (http.Request.ContentLength > security.MaxBodyBytes)
        {
            return (null, Refuse(StatusCodes.Status413PayloadTooLarge, tooLarge));
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
            return WebhookSignature.Verify(signature, hmac) is { } forged
                ? (null, Refuse(StatusCodes.Status401Unauthorized, forged))
                : (new SignedRequest([], signedAt), null);
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
                    return (null, Refuse(StatusCodes.Status413PayloadTooLarge, tooLarge));
                }

                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, security.MaxBodyBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return WebhookSignature.Verify(signature, hmac) is { } forgedBody
                ? (null, Refuse(StatusCodes.Status401Unauthorized, forgedBody))
                : (new SignedRequest(buffer.AsSpan(0, length).ToArray(), signedAt), null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>A webhook call whose signature held: its body (empty for an unpublish) and when the CMS signed it.</summary>
public sealed record SignedRequest(byte[] Body, long SignedAt);
