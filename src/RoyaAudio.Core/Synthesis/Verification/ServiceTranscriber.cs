using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using OpenAI;
using OpenAI.Audio;
using RoyaAudio.Setup;
using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Synthesis.Verification;

/// <summary>
/// Transcription through the same SDK client as speech: Azure OpenAI's
/// <c>/openai/deployments/{deployment}/audio/transcriptions</c> or OpenAI's <c>/audio/transcriptions</c>,
/// on the speech service's endpoint and key. One attempt per unit: a unit it cannot hear stays unchecked,
/// which costs nothing, where retries would cost time on every unit of an outage.
/// </summary>
public sealed class ServiceTranscriber : ITranscriber
{
    private readonly AudioClient _client;
    private readonly TimeSpan _timeout;

    private ServiceTranscriber(string name, AudioClient client, TimeSpan timeout, double pricePerMinute)
    {
        Name = name;
        PricePerMinute = pricePerMinute;
        _client = client;
        _timeout = timeout;
    }

    public string Name { get; }

    public double PricePerMinute { get; }

    public static ServiceTranscriber ForAzure(RemoteTtsOptions speech, string deployment, string? apiKey, double pricePerMinute = 0)
    {
        ArgumentNullException.ThrowIfNull(speech);
        ArgumentException.ThrowIfNullOrWhiteSpace(deployment);
        var endpoint = OpenAiSpeechEngine.Endpoint(speech, "Tts:AzureOpenAI:Endpoint (or --endpoint)");
        var options = new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0), NetworkTimeout = OpenAiSpeechEngine.NetworkTimeout(speech) };
        var client = speech.UseEntraId && string.IsNullOrWhiteSpace(apiKey)
            ? new AzureOpenAIClient(endpoint, new Azure.Identity.DefaultAzureCredential(), options)
            : new AzureOpenAIClient(endpoint, new ApiKeyCredential(OpenAiSpeechEngine.Key(apiKey, "AZURE_OPENAI_API_KEY")), options);
        return new ServiceTranscriber($"{OpenAiSpeechEngine.AzureName}:{deployment}", client.GetAudioClient(deployment), TimeSpan.FromSeconds(speech.RequestTimeoutSeconds), pricePerMinute);
    }

    public static ServiceTranscriber ForOpenAi(RemoteTtsOptions speech, string model, string? apiKey, double pricePerMinute = 0)
    {
        ArgumentNullException.ThrowIfNull(speech);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        var endpoint = OpenAiSpeechEngine.Endpoint(speech, "Tts:OpenAI:Endpoint (or --endpoint)");
        var client = new OpenAIClient(new ApiKeyCredential(OpenAiSpeechEngine.Key(apiKey, "OPENAI_API_KEY")), new OpenAIClientOptions
        {
            Endpoint = endpoint,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = OpenAiSpeechEngine.NetworkTimeout(speech),
        });
        return new ServiceTranscriber($"{OpenAiSpeechEngine.OpenAiName}:{model}", client.GetAudioClient(model), TimeSpan.FromSeconds(speech.RequestTimeoutSeconds), pricePerMinute);
    }

    public async Task<string> TranscribeAsync(SpeechAudio audio, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        // The unit's audio as the voice returned it, in the one container every transcription service takes.
        using var wav = new MemoryStream(audio.ToWav());
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            var options = new AudioTranscriptionOptions { ResponseFormat = AudioTranscriptionFormat.Simple, Language = language };
            var result = await _client.TranscribeAudioAsync(wav, "unit.wav", options, deadline.Token);
            return result.Value.Text ?? "";
        }
        catch (ClientResultException e)
        {
            throw new TranscriptionUnavailableException($"{Name} answered {e.Status}: {OpenAiSpeechEngine.ServiceMessage(e)}", e);
        }
        catch (HttpRequestException e)
        {
            throw new TranscriptionUnavailableException($"{Name} could not be reached: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TranscriptionUnavailableException($"{Name} did not answer within {_timeout.TotalSeconds:F0} s", e);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // A sign-in failure, a broken connection or an answer the SDK cannot read: the unit goes on unchecked.
            throw new TranscriptionUnavailableException($"{Name} could not be asked: {e.Message}", e);
        }
    }
}
