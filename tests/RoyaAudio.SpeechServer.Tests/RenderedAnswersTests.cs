using RoyaAudio.Synthesis;
using RoyaAudio.Tests.Synthesis;

namespace RoyaAudio.SpeechServer.Tests;

/// <summary>Reused answers (benchmarks of the client): the same request is spoken once, anything that shapes the audio is spoken anew.</summary>
public sealed class RenderedAnswersTests
{
    [Fact]
    public async Task The_same_request_is_spoken_once_and_a_different_voice_or_text_again()
    {
        var engine = new CountingEngine(new EspeakEngine(new EspeakOptions()));
        var renderer = new SpeechRenderer(engine);
        var answers = new RenderedAnswers();
        var fields = new SpeechFields("gpt-4o-mini-tts", "The bridge opens on Monday.", "alloy", "pcm", null, null);

        var first = await answers.GetOrRenderAsync(fields, renderer, CancellationToken.None);
        var again = await answers.GetOrRenderAsync(fields with { Model = "tts-1" }, renderer, CancellationToken.None);
        Assert.Equal(1, engine.Calls);
        Assert.Same(first, again);

        var otherVoice = await answers.GetOrRenderAsync(fields with { Voice = "nova" }, renderer, CancellationToken.None);
        var otherText = await answers.GetOrRenderAsync(fields with { Input = "The bridge closes on Friday." }, renderer, CancellationToken.None);
        Assert.Equal(3, engine.Calls);
        Assert.NotEqual(first, otherVoice);
        Assert.NotEqual(first, otherText);
    }
}
