using Microsoft.Extensions.Options;
using RoyaAudio.Server.Database;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Server.Synthesis;

/// <summary>
/// The engines this deployment can render with, by name; the default is <c>Tts:Provider</c>. A remote
/// engine's budget is the cluster's (a row in PostgreSQL) or this process's own, per <c>Tts:Budget</c>.
/// </summary>
public sealed class TtsEngines
{
    private readonly Dictionary<string, ITtsEngine> _engines = new(StringComparer.Ordinal);

    public TtsEngines(IOptions<TtsOptions> options, AppDatabase database, ILogger<TtsEngines> log)
    {
        var tts = options.Value;
        _engines["espeak"] = new EspeakEngine(tts.Espeak);
        if (!string.IsNullOrWhiteSpace(tts.AzureOpenAI?.Endpoint))
        {
            var remote = tts.AzureOpenAI;
            _engines[OpenAiSpeechEngine.AzureName] = OpenAiSpeechEngine.ForAzure(remote, apiKey: null, Budget(OpenAiSpeechEngine.AzureName, remote, remote.Deployment));
        }

        if (!string.IsNullOrWhiteSpace(tts.OpenAI?.Endpoint))
        {
            var remote = tts.OpenAI;
            _engines[OpenAiSpeechEngine.OpenAiName] = OpenAiSpeechEngine.ForOpenAi(remote, apiKey: null, Budget(OpenAiSpeechEngine.OpenAiName, remote, remote.Model));
        }

        Default = _engines[tts.Provider];

        SpeechBudget Budget(string engine, RemoteTtsOptions remote, string? deployment) =>
            tts.SharesBudget && database.IsPostgres
                ? new SpeechBudget(SpeechPace.For(remote), new PostgresBudgetStore(database, BudgetName(engine, remote.Endpoint, deployment)), log: log)
                : SpeechBudget.InProcess(remote);
    }

    /// <summary>
    /// The quota belongs to one deployment (Azure) or one model of one account (OpenAI): the engine, the
    /// service's host and path, and the deployment or model name it. Keys are never part of it.
    /// </summary>
    internal static string BudgetName(string engine, string? endpoint, string? deployment) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            ? $"{engine} {uri.Host}:{uri.Port}{uri.AbsolutePath.TrimEnd('/')} {deployment}"
            : $"{engine} {endpoint} {deployment}";

    public ITtsEngine Default { get; }

    public IReadOnlyCollection<string> Names => _engines.Keys;

    public bool TryGet(string? name, out ITtsEngine engine)
    {
        if (string.IsNullOrEmpty(name))
        {
            engine = Default;
            return true;
        }

        return _engines.TryGetValue(name, out engine!);
    }

    /// <summary>
    /// The engine of that name, or the default when none is named or that one is not configured on this node
    /// (a stored plan may name an engine only workers have; estimates then use the default's price).
    /// </summary>
    public ITtsEngine NamedOrDefault(string? name) => TryGet(name, out var engine) ? engine : Default;
}
