using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RoyaAudio.SpeechServer;

/// <summary>The two speech endpoints, the request log and a JSON 404 for everything else.</summary>
internal sealed class SpeechEndpoints(
    SpeechServerOptions options,
    RequestLog log,
    FaultInjector faults,
    SpeechRenderer renderer,
    CancellationToken stopping)
{
    public const string AzurePattern = "/openai/deployments/{deployment}/audio/speech";
    public const string OpenAiPattern = "/v1/audio/speech";

    /// <summary>Status recorded when the connection ended before an answer: the client left, or the server stopped.</summary>
    public const int ClientClosedRequest = 499;

    private const string GatewayPage =
        "<!DOCTYPE html><html><head><title>Service Unavailable</title></head>"
        + "<body><h1>Service Unavailable</h1><p>The gateway could not reach the speech service.</p></body></html>";

    private static readonly JsonSerializerOptions LogJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(AzurePattern, context => HandleAsync(context, "azure"));
        app.MapPost(OpenAiPattern, context => HandleAsync(context, "openai"));
        app.MapGet("/_requests", context => context.Response.WriteAsJsonAsync(log.Snapshot(), LogJson, context.RequestAborted));
        app.MapFallback("{*path}", NotFoundAsync);
    }

    private async Task HandleAsync(HttpContext context, string protocol)
    {
        var at = DateTimeOffset.UtcNow;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var cancellationToken = ended.Token;
        var request = context.Request;
        var deployment = context.GetRouteValue("deployment") as string;
        var apiVersion = ApiVersion(request);
        var (authHeader, key) = Credentials(request, protocol);
        var (fields, bodyError) = SpeechRequestValidator.Validate(await ReadBodyAsync(request, cancellationToken));

        void Record(int status, Fault fault) => log.Add(new SpeechRequestRecord(
            at, protocol, request.Path.Value ?? "", deployment, apiVersion, authHeader,
            fields.Model, fields.Input, fields.Voice, fields.ResponseFormat, fields.Speed, fields.Instructions,
            status, FaultInjector.Name(fault)));

        var error = Authenticate(protocol, authHeader, key)
            ?? (protocol == "azure" && string.IsNullOrEmpty(apiVersion) ? MissingApiVersion() : null)
            ?? bodyError;
        if (error is not null)
        {
            Record(error.Status, Fault.None);
            await error.WriteAsync(context.Response, cancellationToken);
            return;
        }

        var fault = faults.Draw(options.Faults);
        try
        {
            if (FaultError(fault) is { } faultError)
            {
                if (fault == Fault.RateLimit)
                {
                    context.Response.Headers.RetryAfter = options.Faults.RetryAfterSeconds.ToString();
                }

                Record(faultError.Status, fault);
                await faultError.WriteAsync(context.Response, cancellationToken);
                return;
            }

            await AnswerAsync(context, fields, fault, Record, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Record(ClientClosedRequest, fault);
            context.Abort();
        }
    }

    /// <summary>The answers that carry a body of some kind: audio, part of it, none, or a web page.</summary>
    private async Task AnswerAsync(HttpContext context, SpeechFields fields, Fault fault, Action<int, Fault> record, CancellationToken cancellationToken)
    {
        var response = context.Response;
        switch (fault)
        {
            case Fault.WrongContentType:
                record(StatusCodes.Status200OK, fault);
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(GatewayPage, cancellationToken);
                return;
            case Fault.Empty:
                record(StatusCodes.Status200OK, fault);
                response.ContentType = SpeechRenderer.ContentType(fields.Format);
                response.ContentLength = 0;
                return;
            case Fault.Stall:
                await Task.Delay(TimeSpan.FromSeconds(options.Faults.StallSeconds), cancellationToken);
                break;
        }

        byte[] audio;
        try
        {
            audio = await renderer.RenderAsync(fields, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Usually espeak-ng or LAME missing; the message says how to install it.
            var failure = new ServiceError(StatusCodes.Status500InternalServerError, $"Speech synthesis failed: {e.Message}", "server_error", null, null);
            record(failure.Status, Fault.None);
            await failure.WriteAsync(response, cancellationToken);
            return;
        }

        response.ContentType = SpeechRenderer.ContentType(fields.Format);
        response.ContentLength = audio.Length;
        if (fault == Fault.Truncated)
        {
            record(StatusCodes.Status200OK, fault);
            await response.Body.WriteAsync(audio.AsMemory(0, audio.Length / 2), cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            context.Abort();
            return;
        }

        if (options.AddedLatencyMs > 0)
        {
            await Task.Delay(options.AddedLatencyMs, cancellationToken);
        }

        record(StatusCodes.Status200OK, fault);
        await response.Body.WriteAsync(audio, cancellationToken);
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

    private ServiceError? Authenticate(string protocol, string? header, string? key)
    {
        const string code = "invalid_api_key";
        var valid = key is not null
            && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(key), System.Text.Encoding.UTF8.GetBytes(options.ApiKey));
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
            new(StatusCodes.Status401Unauthorized, message, "invalid_request_error", null, code);
    }

    private static ServiceError MissingApiVersion() => ServiceError.InvalidRequest(
        "Missing required query parameter 'api-version'. Add ?api-version=... to the URL (for example 2025-04-01-preview).",
        "api-version",
        "missing_required_parameter");

    /// <summary>Each protocol reads its own header first; the other is still recorded, so a client using the wrong one shows in the log.</summary>
    private static (string? Header, string? Key) Credentials(HttpRequest request, string protocol)
    {
        var apiKey = request.Headers.TryGetValue("api-key", out var values) ? values.ToString() : null;
        var authorization = request.Headers.Authorization.ToString();
        var bearer = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
        (string?, string?) fromApiKey = ("api-key", apiKey), fromBearer = ("bearer", bearer);
        var (first, second) = protocol == "azure" ? (fromApiKey, fromBearer) : (fromBearer, fromApiKey);
        return first.Item2 is not null ? first : second.Item2 is not null ? second : (null, null);
    }

    private static string? ApiVersion(HttpRequest request) =>
        request.Query.TryGetValue("api-version", out var values) ? values.ToString() : null;

    /// <summary>Like the service: enough of the key to recognise it, not enough to use it.</summary>
    private static string Mask(string key) => key.Length > 6 ? $"{key[..3]}***{key[^2..]}" : "***";

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        return body.ToArray();
    }

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
