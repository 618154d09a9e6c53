using RoyaAudio.Stitching;
using RoyaAudio.Synthesis;
using RoyaAudio.Text;

namespace RoyaAudio.Tests.Assembly;

public sealed class ProgrammeTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("roya-programme-").FullName;
    private readonly AudioOptions _options = new();

    private static SynthesisUnit Unit(int index, int paragraph) =>
        new(index, paragraph, [new ScriptSentence(index, paragraph, "s", "s")]);

    [Fact]
    public void Clips_are_trimmed_resampled_and_joined_with_designed_pauses()
    {
        // Title, then two sentences of paragraph 1, then paragraph 2: pauses title, sentence, paragraph, tail.
        SynthesisUnit[] units = [Unit(0, 0), Unit(1, 1), Unit(2, 1), Unit(3, 2)];
        string[] clips =
        [
            TestClips.Tone(_directory, 22050, 0.2, 1.0, 0.3),
            TestClips.Tone(_directory, 24000, 0.0, 0.5, 0.5),
            TestClips.Tone(_directory, 22050, 0.4, 0.7, 0.0),
            TestClips.Tone(_directory, 24000, 0.1, 0.2, 0.1),
        ];
        var programme = new Programme(units, clips, _options);
        var samples = TestClips.ReadAll(programme.Audio);
        var spans = programme.UnitSpans();

        // Each span is the tone plus the edge margins trimming keeps where the clip has room (5 ms lead, 25 ms tail).
        double[] tones = [1.0, 0.5, 0.7, 0.2];
        double[] margins = [0.030, 0.025, 0.005, 0.030];
        for (var i = 0; i < spans.Count; i++)
        {
            var seconds = (spans[i].End - spans[i].Start) / 24000.0;
            Assert.InRange(seconds, tones[i] + margins[i] - 0.003, tones[i] + margins[i] + 0.003);
        }

        Assert.Equal(_options.LeadInMs * 24, spans[0].Start);
        Assert.Equal(_options.TitlePauseMs * 24, spans[1].Start - spans[0].End);
        Assert.Equal(_options.SentencePauseMs * 24, spans[2].Start - spans[1].End);
        Assert.Equal(_options.ParagraphPauseMs * 24, spans[3].Start - spans[2].End);
        Assert.Equal(spans[3].End + _options.TailMs * 24, samples.Length);

        // Pauses are silent; speech is where the spans say it is.
        Assert.All(samples[(int)spans[0].End..(int)spans[1].Start], s => Assert.Equal(0f, s));
        Assert.True(samples[(int)spans[1].Start..(int)spans[1].End].Max() > 0.4f);
    }

    [Fact]
    public void Joins_are_faded_so_no_clip_starts_or_ends_with_a_jump()
    {
        // A clip that is loud from its first sample to its last: trimming leaves nothing to hide a click.
        var clip = TestClips.Tone(_directory, 24000, 0, 0.5, 0, amplitude: 0.9);
        var programme = new Programme([Unit(0, 0), Unit(1, 1)], [clip, clip], _options);
        var samples = TestClips.ReadAll(programme.Audio);
        var spans = programme.UnitSpans();

        foreach (var (start, end) in spans)
        {
            Assert.True(Math.Abs(samples[start]) < 0.01f, $"clip starts at {samples[start]}");
            Assert.True(Math.Abs(samples[end - 1]) < 0.01f, $"clip ends at {samples[end - 1]}");
        }

        // A 440 Hz tone at 0.9 moves at most 0.9·2π·440/24000 ≈ 0.104 a sample; a click would jump by up to 0.9.
        var largestStep = samples.Zip(samples.Skip(1), (a, b) => Math.Abs(b - a)).Max();
        Assert.True(largestStep < 0.11f, $"largest sample-to-sample step {largestStep}");
    }

    [Fact]
    public void A_segment_that_ends_at_a_comma_gets_a_clause_pause_not_a_sentence_pause()
    {
        var clip = TestClips.Tone(_directory, 24000, 0, 0.3, 0);
        SynthesisUnit[] units =
        [
            new(0, 1, [new ScriptSentence(0, 1, "عثر في الغرفة على بعض الأدوية،", "عثر في الغرفة على بعض الأدوية،")]),
            new(1, 1, [new ScriptSentence(1, 1, "وقرر الطبيب.", "وقرر الطبيب.")]),
            new(2, 1, [new ScriptSentence(2, 1, "Done.", "Done.")]),
        ];
        var programme = new Programme(units, [clip, clip, clip], _options);
        TestClips.ReadAll(programme.Audio);
        var spans = programme.UnitSpans();

        Assert.Equal(_options.ClausePauseMs * 24, spans[1].Start - spans[0].End);
        Assert.Equal(_options.SentencePauseMs * 24, spans[2].Start - spans[1].End);
    }

    [Fact]
    public void Unit_spans_are_refused_before_the_programme_is_read()
    {
        var programme = new Programme([Unit(0, 0)], [TestClips.Tone(_directory, 24000, 0, 0.1, 0)], _options);
        Assert.Throws<InvalidOperationException>(() => programme.UnitSpans());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
