using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.AI.OpenAI;
using OpenAI;
using OpenAI.Audio;
using Polly;
using Polly.CircuitBreaker;
using RoyaAudio.Setup;

namespace RoyaAudio.Synthesis.Remote;

/// <summary>
/// Speech from Azure OpenAI (through Azure.AI.OpenAI) or any OpenAI-compatible /v1/audio/speech
/// server (through the OpenAI client): one AudioClient either way. Asks for raw PCM (24 kHz, 16-bit,
/// mono) so nothing is decoded twice; packs whole sentences of a paragraph into each request.
/// </summary>
public sealed class OpenAiSpeechEngine : ITtsEngine
{
    public const string AzureName = "azure-openai";
    public const string OpenAiName = "openai";
    public const int PcmSampleRate = 24000;

    private readonly AudioClient _client;
    private readonly RemoteTtsOptions _options;
    private readonly ResiliencePipeline _pipeline;

    private OpenAiSpeechEngine(string name, string model, AudioClient client, RemoteTtsOptions options, SpeechBudget? budget)
    {
        Name = name;
        Model = model;
        _client = client;
        _options = options;
        Budget = budget ?? SpeechBudget.InProcess(options);
        _pipeline = SpeechRetryPipeline.Build(options, Circuit, Budget);
    }

    /// <summary>The breaker every render in the process shares in front of this service.</summary>
    public SpeechCircuit Circuit { get; } = new();

    /// <summary>The deployment's request budget every attempt waits its turn in: this process's own, or the cluster's.</summary>
    public SpeechBudget Budget { get; }

    public string Name { get; }

    public string Model { get; }

    public int MaxConcurrency => _options.MaxConcurrency;

    public UnitPacking Packing => new(true, _options.MaxCharacters);

    public double PricePerMillionCharacters =>
        _options.PricePerMillionCharacters.TryGetValue(_options.Model, out var price) ? price : 0;

    public bool IsLocal => false;

    /// <summary>Nothing to find locally; whether the service answers shows on the circuit, never by calling it.</summary>
    public string? MissingPrerequisite => null;

    public string Condition => $"{Name} (circuit {Circuit.State.ToString().ToLowerInvariant()}, opened {Circuit.Openings} times since start)";

    /// <param name="budget">The deployment's budget; by default one this process keeps to alone.</param>
    public static OpenAiSpeechEngine ForAzure(RemoteTtsOptions options, string? apiKey, SpeechBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = Endpoint(options, "Tts:AzureOpenAI:Endpoint (or --endpoint)");
        if (string.IsNullOrWhiteSpace(options.Deployment))
        {
            throw new MissingDependencyException("the Azure OpenAI deployment is not set: pass --deployment NAME or set Tts:AzureOpenAI:Deployment");
        }

        var clientOptions = new AzureOpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = NetworkTimeout(options),
        };
        var client = options.UseEntraId && string.IsNullOrWhiteSpace(apiKey)
            ? new AzureOpenAIClient(endpoint, new Azure.Identity.DefaultAzureCredential(), clientOptions)
            : new AzureOpenAIClient(endpoint, new ApiKeyCredential(Key(apiKey, "AZURE_OPENAI_API_KEY")), clientOptions);
        return new OpenAiSpeechEngine(AzureName, options.Deployment, client.GetAudioClient(options.Deployment), options, budget);
    }

    /// <param name="budget">The model's budget; by default one this process keeps to alone.</param>
    public static OpenAiSpeechEngine ForOpenAi(RemoteTtsOptions options, string? apiKey, SpeechBudget? budget = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = Endpoint(options, "Tts:OpenAI:Endpoint (or --endpoint)");
        var client = new OpenAIClient(new ApiKeyCredential(Key(apiKey, "OPENAI_API_KEY")), new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = NetworkTimeout(options),
        });
        return new OpenAiSpeechEngine(OpenAiName, options.Model, client.GetAudioClient(options.Model), options, budget);
    }

    public string DefaultVoice(string language) =>
        _options.Voices.TryGetValue(language, out var voice) ? voice : "alloy";

    public string? Instructions(string language) =>
        _options.ModelTakesInstructions && _options.Instructions.TryGetValue(language, out var style) ? style : null;

    /// <summary>The voices configured for the language (<see cref="RemoteTtsOptions.VoiceChoices"/>), the default first.</summary>
    public Task<IReadOnlyList<VoiceOption>> VoicesAsync(string language, CancellationToken cancellationToken)
    {
        var names = _options.VoiceChoices.TryGetValue(language, out var configured) ? configured : RemoteTtsOptions.ServiceVoicesOf(_options.Model);
        var voice = DefaultVoice(language);
        IReadOnlyList<VoiceOption> voices = [.. names.Distinct(StringComparer.Ordinal).OrderBy(n => n == voice ? 0 : 1)
            .Select(n => new VoiceOption(n, System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(n)))];
        return Task.FromResult(voices);
    }

    public async Task<SpeechAudio> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Text.Length > UnitPlanner.ServiceLimit)
        {
            throw new InvalidOperationException($"a unit of {request.Text.Length} characters exceeds the service limit of {UnitPlanner.ServiceLimit}: the planner must cut it");
        }

        var speechOptions = new SpeechGenerationOptions
        {
            ResponseFormat = GeneratedSpeechFormat.Pcm,
            SpeedRatio = (float)request.Speed,
        };
#pragma warning disable OPENAI001 // instructions are marked experimental in the SDK; gpt-4o-mini-tts documents them
        speechOptions.Instructions = _options.ModelTakesInstructions ? request.Instructions : null;
#pragma warning restore OPENAI001
        var attempts = 0;
        using var span = SpeechTelemetry.StartSpeaking(Name, request.Text.Length);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(BudgetStrategy.Characters, request.Text.Length);
        try
        {
            var pcm = await _pipeline.ExecuteAsync(
                async attempt =>
                {
                    Interlocked.Increment(ref attempts);
                    var started = Stopwatch.GetTimestamp();
                    var status = "failed";
                    try
                    {
                        var result = await _client.GenerateSpeechAsync(request.Text, new GeneratedSpeechVoice(request.Voice), speechOptions, attempt.CancellationToken);
                        status = result.GetRawResponse().Status.ToString(CultureInfo.InvariantCulture);
                        return CheckAnswer(result);
                    }
                    catch (Exception e)
                    {
                        status = Outcome(e, cancellationToken);
                        throw;
                    }
                    finally
                    {
                        SpeechTelemetry.RecordRequest(Name, status, Stopwatch.GetElapsedTime(started));
                    }
                },
                context);
            SpeechTelemetry.RecordSpoken(Name, request.Text.Length);
            span?.SetTag("roya.tts.attempts", attempts);
            return new SpeechAudio(PcmSampleRate, pcm, attempts);
        }
        catch (Exception e)
        {
            span?.SetTag("roya.tts.attempts", attempts);
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            if (Explained(e) is { } explained)
            {
                throw explained;
            }

            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>What became of one attempt: the HTTP status the service answered, or why there was none.</summary>
    private static string Outcome(Exception exception, CancellationToken caller) => exception switch
    {
        InvalidSpeechAnswerException => "invalid",
        ClientResultException { Status: > 0 } e => e.Status.ToString(CultureInfo.InvariantCulture),
        ClientResultException or HttpRequestException => "refused",
        OperationCanceledException when caller.IsCancellationRequested => "cancelled",
        OperationCanceledException => "timeout",
        IOException => "dropped",
        _ => "failed",
    };

    /// <summary>The service's refusal or a broken circuit, said in the newsroom's words; null for the rest, which go on as they are.</summary>
    private Exception? Explained(Exception exception) => exception switch
    {
        ClientResultException e when !SpeechRetryPipeline.IsTransient(e) =>
            new SpeechServiceException($"{Name} refused the request ({e.Status}): {ServiceMessage(e)}", e.Status, e),
        BrokenCircuitException e => new SpeechServiceUnavailableException(
            $"{Name} is down: nearly every recent request met an outage, so requests are held back until a probe gets through" +
            (e.RetryAfter is { } after ? $"; the next probe goes in {Math.Ceiling(after.TotalSeconds):F0} s" : ""), e),
        _ => null,
    };

    /// <summary>A 200 is not yet audio: the type must be audio, the body non-empty and whole 16-bit samples.</summary>
    private static ReadOnlyMemory<byte> CheckAnswer(ClientResult<BinaryData> result)
    {
        var response = result.GetRawResponse();
        if (response.Headers.TryGetValue("Content-Type", out var type) && type is not null
            && !type.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)
            && !type.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidSpeechAnswerException($"the service answered {type} instead of audio");
        }

        var audio = result.Value.ToMemory();
        if (audio.Length == 0 || audio.Length % 2 != 0)
        {
            throw new InvalidSpeechAnswerException($"the service answered {audio.Length} bytes, not whole 16-bit PCM samples");
        }

        return audio;
    }

    /// <summary>The service's own explanation from its error object, else the status line.</summary>
    internal static string ServiceMessage(ClientResultException e)
    {
        try
        {
            var content = e.GetRawResponse()?.Content;
            if (content is not null && content.ToMemory().Length > 0)
            {
                using var json = JsonDocument.Parse(content.ToMemory());
                if (json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message))
                {
                    return message.GetString() ?? e.Message;
                }
            }
        }
        catch (JsonException)
        {
            // Not the documented error shape; the SDK's own message says enough.
        }

        return e.Message.Split('\n')[0];
    }

    internal static Uri Endpoint(RemoteTtsOptions options, string setting) =>
        Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"
            ? endpoint
            : throw new MissingDependencyException($"the speech service endpoint '{options.Endpoint}' is not an http(s) URL: set {setting}");

    internal static string Key(string? apiKey, string variable) =>
        !string.IsNullOrWhiteSpace(apiKey) ? apiKey
        : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } key ? key
        : throw new MissingDependencyException($"the speech service key is not set: export {variable}");

    /// <summary>Longer than our own per-request timeout, so ours decides and is retried.</summary>
    internal static TimeSpan NetworkTimeout(RemoteTtsOptions options) => TimeSpan.FromSeconds(options.RequestTimeoutSeconds + 30);
}
