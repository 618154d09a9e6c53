using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RoyaAudio.SpeechServer;

/// <summary>
/// The two transcription endpoints (Azure OpenAI's and OpenAI's), multipart as the services take it:
/// <c>file</c>, <c>model</c> (OpenAI), <c>response_format</c>, <c>language</c>. The transcript is what the
/// answer really said (see <see cref="SpokenAudio"/>); audio this server did not speak is refused with 400.
/// </summary>
internal sealed class TranscriptionEndpoints(SpeechServerOptions options, RequestLog log, SpokenAudio spoken)
{
    public const string AzurePattern = "/openai/deployments/{deployment}/audio/transcriptions";
    public const string OpenAiPattern = "/v1/audio/transcriptions";

    /// <summary>The services' limit on the uploaded file.</summary>
    public const long MaxFileBytes = 25 * 1024 * 1024;

    private static readonly string[] Formats = ["json", "text", "verbose_json"];

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(AzurePattern, context => HandleAsync(context, "azure"));
        app.MapPost(OpenAiPattern, context => HandleAsync(context, "openai"));
    }

    private async Task HandleAsync(HttpContext context, string protocol)
    {
        var at = DateTimeOffset.UtcNow;
        var request = context.Request;
        var deployment = context.GetRouteValue("deployment") as string;
        var credentials = SpeechEndpoints.Credentials(request, protocol);
        IFormCollection? form;
        try
        {
            form = request.HasFormContentType ? await request.ReadFormAsync(context.RequestAborted) : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            await ServiceError.InvalidRequest($"The multipart body could not be read: {e.Message}", null, null).WriteAsync(context.Response, context.RequestAborted);
            return;
        }

        var model = form?["model"].ToString() is { Length: > 0 } m ? m : null;
        var format = form?["response_format"].ToString() is { Length: > 0 } f ? f : "json";
        var file = form?.Files.GetFile("file");

        var error = SpeechEndpoints.Authenticate(options.ApiKey, protocol, credentials.Header, credentials.Key)
            ?? (protocol == "azure" && string.IsNullOrEmpty(SpeechEndpoints.ApiVersion(request)) ? SpeechEndpoints.MissingApiVersion : null)
            ?? FormError(form, protocol, model, format, file);
        var fault = Fault.None;
        string? transcript = null;
        if (error is null && options.Content.TranscriptionOutage)
        {
            fault = Fault.TranscriptionOutage;
            error = new(StatusCodes.Status503ServiceUnavailable, "The service is temporarily unavailable. Please try again later.", "server_error", null, null);
        }

        if (error is null)
        {
            transcript = await RecallAsync(file!, context.RequestAborted);
            error = transcript is null
                ? ServiceError.InvalidRequest("This local server transcribes only speech it produced itself, and it did not produce this audio.", "file", "unknown_audio")
                : null;
        }

        if (transcript is not null && options.Content.Take(c => c.MisheardWord, (c, n) => c.MisheardWord = n))
        {
            fault = Fault.MisheardWord;
            transcript = SpeechContent.Misheard(transcript);
        }

        log.Add(new SpeechRequestRecord(
            at, protocol, request.Path.Value ?? "", deployment, SpeechEndpoints.ApiVersion(request), credentials.Header,
            model ?? deployment, transcript, null, format, null, null, error?.Status ?? StatusCodes.Status200OK, FaultInjector.Name(fault)));
        if (error is not null)
        {
            await error.WriteAsync(context.Response, context.RequestAborted);
            return;
        }

        // The added latency stands for a remote service's time to listen, as it does for its time to speak.
        if (options.AddedLatencyMs > 0)
        {
            await Task.Delay(options.AddedLatencyMs, context.RequestAborted);
        }

        if (format == "text")
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(transcript!, context.RequestAborted);
            return;
        }

        var language = form!["language"].ToString();
        if (format == "verbose_json")
        {
            var verbose = new VerboseTranscriptionAnswer("transcribe", language.Length > 0 ? language : "english", 0.0, transcript, []);
            await context.Response.WriteAsJsonAsync(verbose, SpeechServerJson.Default.VerboseTranscriptionAnswer, cancellationToken: context.RequestAborted);
            return;
        }

        await context.Response.WriteAsJsonAsync(new TranscriptionAnswer(transcript), SpeechServerJson.Default.TranscriptionAnswer, cancellationToken: context.RequestAborted);
    }

    private static ServiceError? FormError(IFormCollection? form, string protocol, string? model, string format, IFormFile? file)
    {
        if (form is null)
        {
            return ServiceError.InvalidRequest("Invalid Content-Type header, expected multipart/form-data.", null, null);
        }

        if (file is null)
        {
            return ServiceError.InvalidRequest("Missing required parameter: 'file'.", "file", "missing_required_parameter");
        }

        if (protocol == "openai" && model is null)
        {
            return ServiceError.InvalidRequest("Missing required parameter: 'model'.", "model", "missing_required_parameter");
        }

        if (file.Length > MaxFileBytes)
        {
            return new(StatusCodes.Status413RequestEntityTooLarge, $"Maximum content size limit ({MaxFileBytes}) exceeded ({file.Length} bytes read)", "invalid_request_error", "file", null);
        }

        return Formats.Contains(format)
            ? null
            : ServiceError.InvalidRequest($"Unsupported value: 'response_format' must be one of {string.Join(", ", Formats.Select(f => $"'{f}'"))} on this server.", "response_format", "unsupported_value");
    }

    private async Task<string?> RecallAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        try
        {
            return SpeechRenderer.Samples(buffer.ToArray(), "wav") is { } samples ? spoken.Recall(samples.Span) : null;
        }
        catch (Exception e) when (e is FormatException or EndOfStreamException or InvalidDataException or ArgumentException)
        {
            return null; // not a whole WAV: nothing this server spoke
        }
    }
}
