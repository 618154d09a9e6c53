using Microsoft.Extensions.Options;
using RoyaAudio.Server.Storage;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;
using RoyaAudio.Synthesis.Verification;

namespace RoyaAudio.Server.Synthesis;

/// <summary>
/// The unit checks of this process, one per engine: the length check with the paces learnt in the unit
/// cache's folder, and the transcriber configured for the engine's service (section Verification).
/// Built once, so every render shares the learnt paces and the transcription clients.
/// </summary>
public sealed class UnitVerification
{
    private readonly Dictionary<string, UnitVerifier> _verifiers = new(StringComparer.Ordinal);

    public UnitVerification(IOptions<VerificationOptions> options, IOptions<TtsOptions> tts, TtsEngines engines, SharedUnitCache cache)
    {
        var verification = options.Value;
        if (!verification.Enabled)
        {
            return;
        }

        var rates = new SpeakingRates(cache.Cache.Directory);
        foreach (var name in engines.Names)
        {
            engines.TryGet(name, out var engine);
            RemoteTtsOptions? speech = name switch
            {
                OpenAiSpeechEngine.AzureName => tts.Value.AzureOpenAI,
                OpenAiSpeechEngine.OpenAiName => tts.Value.OpenAI,
                _ => null,
            };
            _verifiers[name] = new UnitVerifier(rates, verification.TranscriberFor(engine, speech), SpokenWords.Spell);
        }
    }

    /// <summary>The checks for renders with <paramref name="engine"/>; null when verification is off.</summary>
    public UnitVerifier? For(ITtsEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return _verifiers.GetValueOrDefault(engine.Name);
    }
}
