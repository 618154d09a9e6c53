using Microsoft.Extensions.Options;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Server.Synthesis;

/// <summary>The engines this deployment can render with, by name; the default is <c>Tts:Provider</c>.</summary>
public sealed class TtsEngines
{
    private readonly Dictionary<string, ITtsEngine> _engines = new(StringComparer.Ordinal);

    public TtsEngines(IOptions<TtsOptions> options)
    {
        var tts = options.Value;
        _engines["espeak"] = new EspeakEngine(tts.Espeak);
        if (!string.IsNullOrWhiteSpace(tts.AzureOpenAI?.Endpoint))
        {
            _engines[OpenAiSpeechEngine.AzureName] = OpenAiSpeechEngine.ForAzure(tts.AzureOpenAI, apiKey: null);
        }

        if (!string.IsNullOrWhiteSpace(tts.OpenAI?.Endpoint))
        {
            _engines[OpenAiSpeechEngine.OpenAiName] = OpenAiSpeechEngine.ForOpenAi(tts.OpenAI, apiKey: null);
        }

        Default = _engines[tts.Provider];
    }

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

    public ITtsEngine Get(string name) =>
        _engines.TryGetValue(name, out var engine) ? engine : throw new InvalidOperationException($"TTS engine '{name}' is not configured here");
}
