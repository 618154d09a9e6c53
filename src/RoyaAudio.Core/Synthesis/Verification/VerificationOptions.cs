namespace RoyaAudio.Synthesis.Verification;

/// <summary>
/// Section Verification. The length check needs no service and is on unless <see cref="Enabled"/> is false;
/// transcription runs when the engine's service has a transcription deployment (Azure) or model (OpenAI).
/// </summary>
public sealed class VerificationOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Azure OpenAI: the deployment serving a transcription model (gpt-4o-mini-transcribe, whisper).</summary>
    public string? TranscriptionDeployment { get; set; }

    /// <summary>OpenAI-compatible services: the transcription model sent with each request.</summary>
    public string? TranscriptionModel { get; set; }

    /// <summary>US dollars per minute of audio transcribed, for the cost estimate (gpt-4o-mini-transcribe: 0.003).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 100, ErrorMessage = "Verification PricePerMinute must be 0-100 (US dollars per minute of audio transcribed)")]
    public double PricePerMinute { get; set; } = 0.003;

    /// <summary>The transcriber for the engine a render uses; null when none is configured for it or verification is off.</summary>
    public ITranscriber? TranscriberFor(ITtsEngine engine, Remote.RemoteTtsOptions? speech)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!Enabled || speech is null)
        {
            return null;
        }

        return engine.Name switch
        {
            Remote.OpenAiSpeechEngine.AzureName when !string.IsNullOrWhiteSpace(TranscriptionDeployment) =>
                ServiceTranscriber.ForAzure(speech, TranscriptionDeployment, apiKey: null, PricePerMinute),
            Remote.OpenAiSpeechEngine.OpenAiName when !string.IsNullOrWhiteSpace(TranscriptionModel) =>
                ServiceTranscriber.ForOpenAi(speech, TranscriptionModel, apiKey: null, PricePerMinute),
            _ => null,
        };
    }
}
