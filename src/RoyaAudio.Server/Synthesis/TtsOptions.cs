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

    /// <summary>
    /// Who keeps a remote engine's RequestsPerMinute and CharactersPerMinute: <c>cluster</c> (default),
    /// every process together through PostgreSQL; <c>process</c>, each process alone. The embedded
    /// store serves one process, so there the two are the same.
    /// </summary>
    public string Budget { get; set; } = ClusterBudget;

    public const string ClusterBudget = "cluster";

    public const string ProcessBudget = "process";

    /// <summary>One budget for every process of the cluster, kept in the database.</summary>
    public bool SharesBudget => Budget == ClusterBudget;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        string[] known = ["espeak", OpenAiSpeechEngine.AzureName, OpenAiSpeechEngine.OpenAiName];
        if (!known.Contains(Provider))
        {
            yield return new ValidationResult($"Tts:Provider '{Provider}' is unknown: use espeak, {OpenAiSpeechEngine.AzureName} or {OpenAiSpeechEngine.OpenAiName}");
        }

        if (Budget is not (ClusterBudget or ProcessBudget))
        {
            yield return new ValidationResult($"Tts:Budget '{Budget}' is unknown: use {ClusterBudget} (every process together keeps to the quota, through PostgreSQL) or {ProcessBudget} (each process keeps to it alone)");
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
