using System.ComponentModel.DataAnnotations;
using RoyaAudio.Editions;

namespace RoyaAudio.Synthesis.Remote;

/// <summary>
/// One remote speech service: Azure OpenAI (section Tts:AzureOpenAI) or any OpenAI-compatible
/// /v1/audio/speech server (section Tts:OpenAI). The key never lives here: it comes from the
/// environment (AZURE_OPENAI_API_KEY, OPENAI_API_KEY).
/// </summary>
public sealed class RemoteTtsOptions
{
    public RemoteTtsOptions()
        : this(EditionRegistry.Default)
    {
    }

    /// <summary>Options whose voices and reading styles start as <paramref name="editions"/> choose them.</summary>
    public RemoteTtsOptions(EditionRegistry editions)
    {
        ArgumentNullException.ThrowIfNull(editions);
        Voices = editions.All.ToDictionary(edition => edition.Code, edition => edition.Voices.OpenAi);
        Instructions = editions.All.ToDictionary(edition => edition.Code, edition => edition.Voices.ReadingStyle);
    }

    /// <summary>Azure: https://NAME.openai.azure.com/; OpenAI-compatible: the base URL ending in /v1.</summary>
    [Required(ErrorMessage = "Tts endpoint is required: the service's base URL (Azure: https://NAME.openai.azure.com/, OpenAI: https://api.openai.com/v1)")]
    public string? Endpoint { get; set; }

    /// <summary>Azure only: sign in with Microsoft Entra ID (managed identity, workload identity, Azure CLI…) instead of a key.</summary>
    public bool UseEntraId { get; set; }

    /// <summary>Azure only: the deployment that serves the speech model.</summary>
    public string? Deployment { get; set; }

    /// <summary>The speech model (for Azure, the model behind the deployment): decides instructions and price.</summary>
    public string Model { get; set; } = "gpt-4o-mini-tts";

    public Dictionary<string, string> Voices { get; set; }

    /// <summary>
    /// The voices editors may choose per language; by default every voice of the speech models
    /// (<see cref="ServiceVoices"/>), which read any language. A newsroom narrows it to those it approved.
    /// </summary>
    public Dictionary<string, List<string>> VoiceChoices { get; set; } = [];

    /// <summary>The voices of gpt-4o-mini-tts.</summary>
    public static IReadOnlyList<string> ServiceVoices { get; } = ["alloy", "ash", "ballad", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer", "verse"];

    /// <summary>The voices a speech model has: tts-1 and tts-1-hd lack ballad and verse.</summary>
    public static IReadOnlyList<string> ServiceVoicesOf(string model) =>
        model.StartsWith("tts-1", StringComparison.OrdinalIgnoreCase) ? [.. ServiceVoices.Where(v => v is not ("ballad" or "verse"))] : ServiceVoices;

    /// <summary>The newsroom's reading style, per language; sent only to models that take instructions.</summary>
    public Dictionary<string, string> Instructions { get; set; }

    /// <summary>Characters per request; whole sentences of a paragraph are packed up to it. The services refuse more than 4,096.</summary>
    [Range(200, 4096, ErrorMessage = "Tts MaxCharacters must be 200-4096 (the services refuse more than 4,096 characters a request)")]
    public int MaxCharacters { get; set; } = 3800;

    [Range(1, 64, ErrorMessage = "Tts MaxConcurrency must be 1-64")]
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>
    /// The deployment's request quota; Azure speech deployments can start as low as 3 a minute. Requests
    /// are paced evenly under it, and in the service every worker together keeps to it (Tts:Budget).
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "Tts RequestsPerMinute must be at least 1 (the deployment's quota)")]
    public int RequestsPerMinute { get; set; } = 60;

    /// <summary>The deployment's character quota, when it has one: each request then also waits in proportion to its characters.</summary>
    [Range(1, 100_000_000, ErrorMessage = "Tts CharactersPerMinute must be at least 1 when set (the deployment's character quota; leave it unset for none)")]
    public int? CharactersPerMinute { get; set; }

    [Range(1, 600, ErrorMessage = "Tts RequestTimeoutSeconds must be 1-600")]
    public int RequestTimeoutSeconds { get; set; } = 60;

    /// <summary>Retries of one request after 429, 5xx, timeouts and broken answers.</summary>
    [Range(0, 20, ErrorMessage = "Tts MaxRetries must be 0-20")]
    public int MaxRetries { get; set; } = 6;

    /// <summary>Longest single wait between attempts, Retry-After included.</summary>
    [Range(1, 600, ErrorMessage = "Tts MaxRetryDelaySeconds must be 1-600")]
    public int MaxRetryDelaySeconds { get; set; } = 60;

    /// <summary>US dollars per million characters, per model, for the cost estimate in manifests and logs.</summary>
    public Dictionary<string, double> PricePerMillionCharacters { get; set; } = new()
    {
        ["tts-1"] = 15,
        ["tts-1-hd"] = 30,
        ["gpt-4o-mini-tts"] = 12,
    };

    /// <summary>Models that accept a reading style; tts-1 and tts-1-hd refuse it.</summary>
    public bool ModelTakesInstructions => !Model.StartsWith("tts-1", StringComparison.OrdinalIgnoreCase);
}
