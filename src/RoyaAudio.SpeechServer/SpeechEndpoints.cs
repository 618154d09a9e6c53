using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using System.Text;

namespace RoyaAudio.SpeechServer;

/// <summary>The two speech endpoints, the request log and a JSON 404 for everything else (transcription is <see cref="TranscriptionEndpoints"/>).</summary>
internal sealed class SpeechEndpoints(
    SpeechServerOptions options,
    RequestLog log,
    FaultInjector faults,
    SpeechRenderer renderer,
    RenderedAnswers answers,
    RequestQuota quota,
    SpokenAudio spoken,
    ILogger logger,
    CancellationToken stopping)
{
    public const string AzurePattern = "/openai/deployments/{deployment}/audio/speech";
    public const string OpenAiPattern = "/v1/audio/speech";

    /// <summary>Status recorded when the connection ended before an answer: the client left, or the server stopped.</summary>
    public const int ClientClosedRequest = 499;

    private const string GatewayPage =
        "<!DOCTYPE html><html><head><title>Service Unavailable</title></head>"
        + "<body><h1>Service Unavailable</h1><p>The gateway could not reach the speech service.</p></body></html>";

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(AzurePattern, context => HandleAsync(context, "azure"));
        app.MapPost(OpenAiPattern, context => HandleAsync(context, "openai"));
        app.MapGet("/_requests", context => context.Response.WriteAsJsonAsync(log.Snapshot(), SpeechServerJson.Indented.IReadOnlyListSpeechRequestRecord, cancellationToken: context.RequestAborted));
        app.MapFallback("{*path}", NotFoundAsync);
    }

    internal static string? ApiVersion(HttpRequest request) =>
        request.Query.TryGetValue("api-version", out var values) ? values.ToString() : null;

    /// <summary>Each protocol reads its own header first; the other is still reported, so a client using the wrong one shows in the log.</summary>
    internal static (string? Header, string? Key) Credentials(HttpRequest request, string protocol)
    {
        var apiKey = request.Headers.TryGetValue("api-key", out var values) ? values.ToString() : null;
        var authorization = request.Headers.Authorization.ToString();
        var bearer = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
        (string?, string?) fromApiKey = ("api-key", apiKey), fromBearer = ("bearer", bearer);
        var (first, second) = protocol == "azure" ? (fromApiKey, fromBearer) : (fromBearer, fromApiKey);
        return first.Item2 is not null ? first : second.Item2 is not null ? second : (null, null);
    }

    private async Task HandleAsync(HttpContext context, string protocol)
    {
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var exchange = new SpeechExchange(context, protocol, log, ended.Token);
        var fault = Fault.None;
        try
        {
            await exchange.ReadBodyAsync();
            var error = Authenticate(options.ApiKey, protocol, exchange.Credentials.Header, exchange.Credentials.Key)
                ?? (protocol == "azure" && string.IsNullOrEmpty(exchange.ApiVersion) ? MissingApiVersion : null)
                ?? exchange.BodyError;
            if (error is not null)
            {
                await exchange.SendErrorAsync(error, Fault.None);
                return;
            }

            if (quota.Admit(options.QuotaPerMinute) is { } wait)
            {
                await SendOverQuotaAsync(exchange, wait);
                return;
            }

            fault = faults.Draw(options.Faults);
            if (FaultError(fault) is { } faultError)
            {
                if (fault == Fault.RateLimit)
                {
                    context.Response.Headers.RetryAfter = options.Faults.RetryAfterSeconds.ToString();
                }

                await exchange.SendErrorAsync(faultError, fault);
                return;
            }

            await AnswerAsync(exchange, fault);
        }
        catch (OperationCanceledException) when (ended.IsCancellationRequested)
        {
            if (!exchange.Recorded)
            {
                exchange.Record(ClientClosedRequest, fault);
            }

            context.Abort();
        }
        catch (Exception e) when (!exchange.Recorded && !context.Response.HasStarted)
        {
            // Most likely espeak-ng or LAME is missing; the message says how to install it.
            logger.LogError(e, "Speech request to {Path} failed", context.Request.Path);
            await exchange.SendErrorAsync(
                new ServiceError(StatusCodes.Status500InternalServerError, $"The local speech server failed: {e.Message}", "server_error", null, null),
                Fault.None);
        }
    }

    /// <summary>The answers that carry a body of some kind: audio, part of it, none, or a web page.</summary>
    private async Task AnswerAsync(SpeechExchange exchange, Fault fault)
    {
        var response = exchange.Context.Response;
        var format = exchange.Fields.Format;
        switch (fault)
        {
            case Fault.WrongContentType:
                exchange.Record(StatusCodes.Status200OK, fault);
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(GatewayPage, exchange.Ended);
                return;
            case Fault.Empty:
                exchange.Record(StatusCodes.Status200OK, fault);
                response.ContentType = SpeechRenderer.ContentType(format);
                response.ContentLength = 0;
                return;
            case Fault.Stall:
                await Task.Delay(TimeSpan.FromSeconds(options.Faults.StallSeconds), exchange.Ended);
                break;
        }

        var (said, contentFault) = fault == Fault.None ? SpeechContent.Apply(exchange.Fields.Input!, options.Content) : (exchange.Fields.Input!, Fault.None);
        fault = contentFault == Fault.None ? fault : contentFault;
        var fields = exchange.Fields with { Input = said };
        var audio = options.ReuseAnswers
            ? await answers.GetOrRenderAsync(fields, renderer, exchange.Ended)
            : await renderer.RenderAsync(fields, exchange.Ended);
        if (SpeechRenderer.Samples(audio, format) is { } samples)
        {
            spoken.Remember(samples.Span, said);
        }

        if (fault != Fault.Truncated && options.AddedLatencyMs > 0)
        {
            await Task.Delay(options.AddedLatencyMs, exchange.Ended);
        }

        exchange.Record(StatusCodes.Status200OK, fault);
        response.ContentType = SpeechRenderer.ContentType(format);
        response.ContentLength = audio.Length;
        // Truncated: half the declared body, then Kestrel must close the connection, since the client cannot find the end of the answer.
        await response.Body.WriteAsync(fault == Fault.Truncated ? audio.AsMemory(0, audio.Length / 2) : audio, exchange.Ended);
    }

    /// <summary>As Azure answers a deployment over its quota: 429, both wait headers, and the error body.</summary>
    private async Task SendOverQuotaAsync(SpeechExchange exchange, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        var headers = exchange.Context.Response.Headers;
        headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["retry-after-ms"] = Math.Ceiling(wait.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await exchange.SendErrorAsync(
            new ServiceError(StatusCodes.Status429TooManyRequests,
                $"Requests to this deployment have exceeded the call rate limit of {options.QuotaPerMinute} a minute. Please retry after {seconds} second{(seconds == 1 ? "" : "s")}.",
                "requests", null, "rate_limit_exceeded"),
            Fault.Quota);
    }

    private ServiceError? FaultError(Fault fault) => fault switch
    {
        Fault.Outage => new(StatusCodes.Status503ServiceUnavailable,
            "The service is temporarily unavailable. Please try again later.", "server_error", null, null),
        Fault.RateLimit => new(StatusCodes.Status429TooManyRequests,
            $"Rate limit reached for requests. Please retry after {options.Faults.RetryAfterSeconds} seconds.", "requests", null, "rate_limit_exceeded"),
        Fault.InternalError => new(StatusCodes.Status500InternalServerError,
            "The server had an error while processing your request. Sorry about that!", "server_error", null, null),
        Fault.Unavailable => new(StatusCodes.Status503ServiceUnavailable,
            "The engine is currently overloaded, please try again later.", "server_error", null, null),
        _ => null,
    };

    internal static ServiceError? Authenticate(string apiKey, string protocol, string? header, string? key)
    {
        var valid = key is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(apiKey));
        if (protocol == "azure")
        {
            return header switch
            {
                null => Unauthorized("Access denied due to missing subscription key. Make sure to include the key in the 'api-key' header when making requests to an API."),
                "bearer" => Unauthorized("Access denied: this endpoint takes the key in the 'api-key' header, not as a bearer token."),
                _ when !valid => Unauthorized("Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."),
                _ => null,
            };
        }

        return header switch
        {
            "bearer" when !valid => Unauthorized($"Incorrect API key provided: {Mask(key!)}."),
            "bearer" => null,
            _ => Unauthorized("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."),
        };

        static ServiceError Unauthorized(string message) =>
            new(StatusCodes.Status401Unauthorized, message, "invalid_request_error", null, "invalid_api_key");
    }

    internal static ServiceError MissingApiVersion { get; } = ServiceError.InvalidRequest(
        "Missing required query parameter 'api-version'. Add ?api-version=... to the URL (for example 2025-04-01-preview).",
        "api-version",
        "missing_required_parameter");

    /// <summary>Like the service: enough of the key to recognise it, not enough to use it.</summary>
    private static string Mask(string key) => key.Length > 6 ? $"{key[..3]}***{key[^2..]}" : "***";

    private async Task NotFoundAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var protocol = path.StartsWith("/openai/", StringComparison.Ordinal) ? "azure" : "openai";
        var error = new ServiceError(StatusCodes.Status404NotFound, $"Invalid URL ({request.Method} {path})", "invalid_request_error", null, null);
        log.Add(new SpeechRequestRecord(
            DateTimeOffset.UtcNow, protocol, path, null, ApiVersion(request), Credentials(request, protocol).Header,
            null, null, null, null, null, null, error.Status, null));
        await error.WriteAsync(context.Response, context.RequestAborted);
    }
}
