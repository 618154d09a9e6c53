using RoyaAudio.Articles;
using RoyaAudio.Synthesis;

namespace RoyaAudio.Tests.Synthesis;

public sealed class UnitSynthesizerTests : IDisposable
{
    private readonly string _cacheDirectory = Directory.CreateTempSubdirectory("roya-cache-").FullName;

    [Fact]
    public async Task A_second_synthesis_of_the_same_script_sends_nothing_and_an_edit_sends_only_the_edit()
    {
        var engine = new CountingEngine(new EspeakEngine(new EspeakOptions()));
        var synthesizer = new UnitSynthesizer(engine, new UnitCache(_cacheDirectory));
        var voice = new VoiceChoice(engine.Name, engine.Model, "en-us", 1.0);

        var first = await synthesizer.SynthesizeAsync(Units("<p>One is here. Two is here.</p><p>Three is here.</p>"), "en", voice, null, CancellationToken.None);
        Assert.Equal((4, 0), (first.Requests, first.CacheHits));
        Assert.All(first.ClipPaths, path => Assert.True(File.Exists(path)));

        var again = await synthesizer.SynthesizeAsync(Units("<p>One is here. Two is here.</p><p>Three is here.</p>"), "en", voice, null, CancellationToken.None);
        Assert.Equal((0, 4), (again.Requests, again.CacheHits));

        var edited = await synthesizer.SynthesizeAsync(Units("<p>One is here. Two changed.</p><p>Three is here.</p>"), "en", voice, null, CancellationToken.None);
        Assert.Equal((1, 3), (edited.Requests, edited.CacheHits));
        Assert.Equal(5, engine.Calls);
    }

    [Fact]
    public async Task A_sentence_repeated_in_one_article_is_requested_once()
    {
        var engine = new CountingEngine(new EspeakEngine(new EspeakOptions()));
        var synthesizer = new UnitSynthesizer(engine, new UnitCache(_cacheDirectory));
        var voice = new VoiceChoice(engine.Name, engine.Model, "en-us", 1.0);

        var result = await synthesizer.SynthesizeAsync(Units("<p>Same again.</p><p>Same again.</p>"), "en", voice, null, CancellationToken.None);

        Assert.Equal(2, engine.Calls); // title + one distinct sentence
        Assert.Equal(result.ClipPaths[1], result.ClipPaths[2]);
    }

    private static IReadOnlyList<SynthesisUnit> Units(string body) => UnitPlanner.Plan(
        SpeechScriptBuilder.Build(new Article { Id = "a", Language = "en", Title = "Title", Body = body }, PronunciationLexicon.Empty),
        UnitPacking.OneSentencePerUnit);

    public void Dispose() => Directory.Delete(_cacheDirectory, recursive: true);
}
