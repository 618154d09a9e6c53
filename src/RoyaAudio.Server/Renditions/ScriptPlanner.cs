using RoyaAudio.Articles;
using RoyaAudio.Server.Lexicon;
using RoyaAudio.Server.Synthesis;
using RoyaAudio.Synthesis;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Renditions;

/// <summary>
/// The speech script an article would be read from today (with the newsroom's lexicon) and its hash for
/// an engine and voice: a new version needs audio exactly when this hash changed.
/// </summary>
public sealed class ScriptPlanner(LexiconStore lexicon, TtsEngines engines)
{
    public async Task<PlannedScript> PlanAsync(Article article, string? engine, string? voice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(article);
        var words = await lexicon.ForLanguageAsync(article.Language, cancellationToken);
        var script = SpeechScriptBuilder.Build(article, words);
        var tts = engines.NamedOrDefault(engine);
        var choice = VoiceChoice.For(tts, article.Language, voice);
        return new PlannedScript(script, ScriptHash.Of(script, choice), tts.Name, words);
    }
}

public sealed record PlannedScript(SpeechScript Script, string Hash, string Engine, PronunciationLexicon Lexicon);
