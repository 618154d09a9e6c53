using RoyaAudio.Articles;
using RoyaAudio.Synthesis;

namespace RoyaAudio.Tests.Synthesis;

public class ScriptHashTests
{
    private static readonly VoiceChoice Voice = new("espeak", "espeak-ng", "en-us", 1.0);

    private static SpeechScript Script(string body) => SpeechScriptBuilder.Build(
        new Article { Id = "a", Language = "en", Title = "Title", Body = body }, PronunciationLexicon.Empty);

    [Fact]
    public void Same_words_same_voice_same_hash_even_when_markup_changes() =>
        Assert.Equal(ScriptHash.Of(Script("<p>One. Two.</p>"), Voice), ScriptHash.Of(Script("<p class='x'>One.  Two.</p>"), Voice));

    [Fact]
    public void Text_voice_engine_and_paragraphing_each_change_the_hash()
    {
        var baseline = ScriptHash.Of(Script("<p>One. Two.</p>"), Voice);
        Assert.NotEqual(baseline, ScriptHash.Of(Script("<p>One. Three.</p>"), Voice));
        Assert.NotEqual(baseline, ScriptHash.Of(Script("<p>One.</p><p>Two.</p>"), Voice));
        Assert.NotEqual(baseline, ScriptHash.Of(Script("<p>One. Two.</p>"), Voice with { Voice = "en-gb" }));
        Assert.NotEqual(baseline, ScriptHash.Of(Script("<p>One. Two.</p>"), Voice with { Engine = "openai" }));
    }

    [Fact]
    public void Unit_keys_differ_by_speed_and_instructions_but_not_by_call()
    {
        var key = ScriptHash.OfUnit("Hello.", Voice);
        Assert.Equal(key, ScriptHash.OfUnit("Hello.", Voice));
        Assert.NotEqual(key, ScriptHash.OfUnit("Hello.", Voice with { Speed = 1.25 }));
        Assert.NotEqual(key, ScriptHash.OfUnit("Hello.", Voice with { Instructions = "calm" }));
    }
}
