using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RoyaAudio.SpeechServer;

/// <summary>One speech request: what it carried, and the single record of how it was answered.</summary>
internal sealed class SpeechExchange(HttpContext context, string protocol, RequestLog log, CancellationToken ended)
{
    private readonly DateTimeOffset _at = DateTimeOffset.UtcNow;

    public HttpContext Context { get; } = context;

    public string Protocol { get; } = protocol;

    /// <summary>Cancelled when the client leaves or the server stops.</summary>
    public CancellationToken Ended { get; } = ended;

    public string? Deployment { get; } = context.GetRouteValue("deployment") as string;

    public string? ApiVersion { get; } = SpeechEndpoints.ApiVersion(context.Request);

    public (string? Header, string? Key) Credentials { get; } = SpeechEndpoints.Credentials(context.Request, protocol);

    public SpeechFields Fields { get; private set; } = SpeechFields.None;

    public ServiceError? BodyError { get; private set; }

    public bool Recorded { get; private set; }

    public async Task ReadBodyAsync()
    {
        using var body = new MemoryStream();
        await Context.Request.Body.CopyToAsync(body, Ended);
        (Fields, BodyError) = SpeechRequestValidator.Validate(body.GetBuffer().AsMemory(0, (int)body.Length));
    }

    /// <summary>Called just before the answer goes out, so a client that has its answer also finds it in the log.</summary>
    public void Record(int status, Fault fault)
    {
        Recorded = true;
        log.Add(new SpeechRequestRecord(
            _at, Protocol, Context.Request.Path.Value ?? "", Deployment, ApiVersion, Credentials.Header,
            Fields.Model, Fields.Input, Fields.Voice, Fields.ResponseFormat, Fields.Speed, Fields.Instructions,
            status, FaultInjector.Name(fault)));
    }

    public async Task SendErrorAsync(ServiceError error, Fault fault)
    {
        Record(error.Status, fault);
        await error.WriteAsync(Context.Response, Ended);
    }
}
