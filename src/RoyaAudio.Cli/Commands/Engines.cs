using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;
using RoyaAudio.Synthesis.Verification;

namespace RoyaAudio.Cli.Commands;

/// <summary>Builds the TTS engine a command asked for; command-line flags override the settings file.</summary>
internal static class Engines
{
    public static ITtsEngine Create(string name, CliSettings settings, string? endpoint, string? deployment, string? model)
    {
        switch (name)
        {
            case OpenAiSpeechEngine.AzureName:
                var azure = settings.AzureOpenAi;
                azure.Endpoint = endpoint ?? azure.Endpoint;
                azure.Deployment = deployment ?? azure.Deployment;
                azure.Model = model ?? azure.Model;
                CliSettings.Validate(azure);
                return OpenAiSpeechEngine.ForAzure(azure, apiKey: null);
            case OpenAiSpeechEngine.OpenAiName:
                var openAi = settings.OpenAi;
                openAi.Endpoint = endpoint ?? openAi.Endpoint;
                openAi.Model = model ?? openAi.Model;
                CliSettings.Validate(openAi);
                return OpenAiSpeechEngine.ForOpenAi(openAi, apiKey: null);
            default:
                return new EspeakEngine(settings.Espeak);
        }
    }

    /// <summary>
    /// Refuses, before anything is spoken, a voice (asked for, or the setting's default) that cannot read the
    /// language with the engine, naming the choices: a name espeak-ng does not know can crash it.
    /// </summary>
    public static async Task CheckVoiceAsync(ITtsEngine engine, string language, string? voice, CancellationToken cancellationToken)
    {
        var chosen = VoiceChoice.For(engine, language, voice).Voice;
        var voices = await engine.VoicesAsync(language, cancellationToken);
        if (voices.All(v => v.Name != chosen))
        {
            var named = string.IsNullOrWhiteSpace(voice) ? $"the voice the settings choose, '{chosen}'," : $"'{chosen}'";
            throw new UsageException($"{named} is not an {engine.Name} voice for {language}: choose one of {string.Join(", ", voices.Select(v => v.Name))} (--voice NAME)");
        }
    }

    /// <summary>
    /// The unit checks for a render with <paramref name="engine"/>: the length check always (unless
    /// Verification:Enabled is false), transcription when a deployment or model is named for its service.
    /// </summary>
    public static UnitVerifier? Verifier(ITtsEngine engine, CliSettings settings, UnitCache cache, string? transcriptionDeployment, string? transcriptionModel)
    {
        var options = settings.Verification;
        options.TranscriptionDeployment = transcriptionDeployment ?? options.TranscriptionDeployment;
        options.TranscriptionModel = transcriptionModel ?? options.TranscriptionModel;
        if (!options.Enabled)
        {
            return null;
        }

        var speech = engine.Name switch
        {
            OpenAiSpeechEngine.AzureName => settings.AzureOpenAi,
            OpenAiSpeechEngine.OpenAiName => settings.OpenAi,
            _ => null,
        };
        if (speech is null && (transcriptionDeployment is not null || transcriptionModel is not null))
        {
            throw new UsageException("--transcription-deployment and --transcription-model go with a remote engine (--engine azure-openai or openai), whose service transcribes");
        }

        return new UnitVerifier(new SpeakingRates(cache.Directory), options.TranscriberFor(engine, speech), SpokenWords.Spell);
    }
}
