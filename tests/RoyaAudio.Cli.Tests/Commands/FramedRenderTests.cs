using System.Text.Json;

namespace RoyaAudio.Tests.Commands;

/// <summary>
/// Intro, outro and the spoken AI note around the story, judged from outside: ffmpeg decodes, measures and finds
/// the silences; the manifest's spans and sentence times must match what is heard.
/// </summary>
public sealed class FramedRenderTests(FramedRenderTests.Renders renders) : IClassFixture<FramedRenderTests.Renders>
{
    private const string Intro = "You are listening to Roya News.";
    private const double LongestDesignedPauseSeconds = 0.9;

    /// <summary>Three renders of the English sample, each framed differently, with one shared cache.</summary>
    public sealed class Renders : IAsyncLifetime
    {
        public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("roya-framed-").FullName;

        public Rendered IntroAndNoteAtEnd { get; private set; } = null!;

        public Rendered RecordedIntroAndNoteAtStart { get; private set; } = null!;

        public Rendered NoteOff { get; private set; } = null!;

        /// <summary>A quiet stereo chord at 44.1 kHz, MP3: another rate, other channels, far from the voice's loudness.</summary>
        public string Jingle => Path.Combine(Directory, "jingle.mp3");

        public async Task InitializeAsync()
        {
            AudioProbe.Chord(Jingle, 2.0, 44_100, -30);
            IntroAndNoteAtEnd = await RenderAsync("end", "--intro", Intro);
            RecordedIntroAndNoteAtStart = await RenderAsync("start", "--intro", Jingle, "--outro", "Thank you for listening.", "--spoken-disclosure", "start");
            NoteOff = await RenderAsync("off", "--spoken-disclosure", "off");
        }

        private async Task<Rendered> RenderAsync(string name, params string[] framing)
        {
            var result = await CliProcess.RunAsync(
                ["render", CliProcess.Sample("roya-putin-iran.json"), "--out", Path.Combine(Directory, name), "--cache", Path.Combine(Directory, "cache"), .. framing]);
            Assert.True(result.ExitCode == 0, result.ToString());
            return new Rendered(result, result);
        }

        public Task DisposeAsync()
        {
            System.IO.Directory.Delete(Directory, recursive: true);
            return Task.CompletedTask;
        }
    }

    private static (long Start, long End) Span(Rendered rendered, string name)
    {
        var span = rendered.Manifest.GetProperty(name);
        return (span.GetProperty("startMs").GetInt64(), span.GetProperty("endMs").GetInt64());
    }

    [Fact]
    public void An_intro_and_the_note_at_the_end_are_part_of_the_mp3_its_timings_and_its_loudness()
    {
        var rendered = renders.IntroAndNoteAtEnd;
        var duration = rendered.Manifest.GetProperty("durationMs").GetInt64();
        var decoded = AudioProbe.DecodedSeconds(rendered.Mp3);
        Assert.InRange(decoded - duration / 1000.0, -0.05, 0.05);
        var (lufs, truePeak) = AudioProbe.Loudness(rendered.Mp3);
        Assert.InRange(lufs, -17.0, -15.0);
        Assert.True(truePeak <= -1.0, $"true peak {truePeak} dBTP");

        var intro = Span(rendered, "intro");
        var note = Span(rendered, "spokenDisclosure");
        var sentences = rendered.Sentences;
        Assert.True(sentences[0].Start > intro.End, $"the title starts at {sentences[0].Start} ms, inside the intro (ends {intro.End} ms)");
        Assert.True(note.Start > sentences[^1].End, "the note follows the last sentence");
        Assert.InRange(duration - note.End, 0, 400);
        Assert.False(rendered.Manifest.TryGetProperty("outro", out _));
    }

    [Fact]
    public void The_silence_rules_still_hold_with_an_intro_and_a_spoken_note()
    {
        foreach (var rendered in new[] { renders.IntroAndNoteAtEnd, renders.RecordedIntroAndNoteAtStart })
        {
            var silences = AudioProbe.Silences(rendered.Mp3);
            var longest = silences.MaxBy(s => s.End - s.Start);
            Assert.True(longest.End - longest.Start <= LongestDesignedPauseSeconds + 0.15,
                $"a silence of {longest.End - longest.Start:F3} s at {longest.Start:F3} s in {rendered.Mp3}; the manifest: {rendered.Manifest}");
            var leading = silences.FirstOrDefault(s => s.Start < 0.01);
            Assert.True(leading.End - leading.Start <= 0.3, $"leading silence {leading.End - leading.Start:F3} s");
        }
    }

    [Fact]
    public void Captions_carry_the_intro_and_the_note_and_the_transcript_does_not()
    {
        var rendered = renders.IntroAndNoteAtEnd;
        var vtt = File.ReadAllText(Path.ChangeExtension(rendered.Mp3, ".vtt"));
        var cues = vtt.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(c => c.Split('\n')).ToList();
        var disclosure = rendered.Manifest.GetProperty("disclosure").GetString();
        Assert.Equal("intro", cues[0][0]);
        Assert.StartsWith("00:00:00.100 --> ", cues[0][1], StringComparison.Ordinal); // after the lead-in
        Assert.Equal(Intro, cues[0][2]);
        Assert.Equal("disclosure", cues[^1][0]);
        Assert.Equal(disclosure, cues[^1][2]);
        Assert.Equal(rendered.Sentences.Count + 2, cues.Count);
        Assert.DoesNotContain(rendered.Sentences, s => s.Text == Intro || s.Text == disclosure);
    }

    [Fact]
    public void A_recorded_intro_of_another_rate_and_loudness_is_heard_as_loud_as_the_voice_and_the_note_follows_it()
    {
        var rendered = renders.RecordedIntroAndNoteAtStart;
        var intro = Span(rendered, "intro");
        var note = Span(rendered, "spokenDisclosure");
        var outro = Span(rendered, "outro");
        var sentences = rendered.Sentences;
        Assert.True(intro.End < note.Start && note.End < sentences[0].Start, "intro, then the note, then the title");
        Assert.True(outro.Start > sentences[^1].End, "the outro follows the story");
        Assert.InRange(intro.End - intro.Start, 1700, 2050); // the 2 s chord, its edges trimmed and faded

        // The chord was made some 14 LU below the voice; brought to the voice's loudness, it sits within a few LU of the story.
        var jingle = AudioProbe.LoudnessBetween(rendered.Mp3, (intro.Start + 100) / 1000.0, (intro.End - 100) / 1000.0);
        var story = AudioProbe.LoudnessBetween(rendered.Mp3, sentences[0].Start / 1000.0, sentences[^1].End / 1000.0);
        Assert.InRange(jingle - story, -3.0, 3.0);
        Assert.InRange(AudioProbe.Loudness(rendered.Mp3).IntegratedLufs, -17.0, -15.0);
    }

    [Fact]
    public void With_the_note_off_the_audio_is_the_story_alone()
    {
        var rendered = renders.NoteOff;
        Assert.False(rendered.Manifest.TryGetProperty("spokenDisclosure", out _));
        Assert.False(rendered.Manifest.TryGetProperty("intro", out _));
        var vtt = File.ReadAllText(Path.ChangeExtension(rendered.Mp3, ".vtt"));
        Assert.Equal(rendered.Sentences.Count, vtt.Split(" --> ").Length - 1);
        var duration = rendered.Manifest.GetProperty("durationMs").GetInt64();
        Assert.True(duration < renders.IntroAndNoteAtEnd.Manifest.GetProperty("durationMs").GetInt64() - 3000, "the intro and note add seconds");
    }

    [Fact]
    public async Task An_intro_file_that_cannot_be_played_is_refused_before_anything_is_synthesised()
    {
        var broken = Path.Combine(renders.Directory, "broken.mp3");
        await File.WriteAllTextAsync(broken, "not audio");
        var result = await CliProcess.RunAsync("render", CliProcess.Sample("roya-putin-iran.json"), "--out", Path.Combine(renders.Directory, "broken"),
            "--cache", Path.Combine(renders.Directory, "cache-broken"), "--intro", broken);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Branding:en:IntroFile", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("broken.mp3", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(renders.Directory, "cache-broken")) && Directory.EnumerateFiles(Path.Combine(renders.Directory, "cache-broken")).Any());
    }
}
