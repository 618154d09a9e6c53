using System.ComponentModel.DataAnnotations;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Server.Synthesis;

/// <summary>Section <c>Tts</c>: which engine renders by default, and each engine's settings.</summary>
public sealed class TtsOptions : IValidatableObject
{
    public const string Section = "Tts";

    /// <summary>espeak (local, default), azure-openai or openai.</summary>
    public string Provider { get; set; } = "espeak";

    public EspeakOptions Espeak { get; set; } = new();

    /// <summary>Configured when its Endpoint is set; editors may then pick it per regeneration.</summary>
    public RemoteTtsOptions? AzureOpenAI { get; set; }

    public RemoteTtsOptions? OpenAI { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string[] known = ["espeak", OpenAiSpeechEngine.AzureName, OpenAiSpeechEngine.OpenAiName];
        if (!known.Contains(Provider))
        {
            yield return new ValidationResult($"Tts:Provider '{Provider}' is unknown: use espeak, {OpenAiSpeechEngine.AzureName} or {OpenAiSpeechEngine.OpenAiName}");
        }

        if (Provider == OpenAiSpeechEngine.AzureName && string.IsNullOrWhiteSpace(AzureOpenAI?.Endpoint))
        {
            yield return new ValidationResult("Tts:Provider is azure-openai but Tts:AzureOpenAI:Endpoint is not set: set it to https://YOUR-RESOURCE.openai.azure.com/");
        }

        if (Provider == OpenAiSpeechEngine.OpenAiName && string.IsNullOrWhiteSpace(OpenAI?.Endpoint))
        {
            yield return new ValidationResult("Tts:Provider is openai but Tts:OpenAI:Endpoint is not set: set it to the service's base URL ending in /v1");
        }

        foreach (var (name, remote) in new[] { ("AzureOpenAI", AzureOpenAI), ("OpenAI", OpenAI) })
        {
            if (remote is null || string.IsNullOrWhiteSpace(remote.Endpoint))
            {
                continue;
            }

            var results = new List<ValidationResult>();
            Validator.TryValidateObject(remote, new ValidationContext(remote), results, validateAllProperties: true);
            foreach (var result in results)
            {
                yield return new ValidationResult($"Tts:{name}: {result.ErrorMessage}");
            }
        }
    }
}
