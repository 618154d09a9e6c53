using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;

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
}
