using RoyaAudio.Setup;
using RoyaAudio.Synthesis;

namespace RoyaAudio.Tests.Synthesis;

public class EspeakEngineTests
{
    [Theory]
    [InlineData("en", "The minister spoke in Amman on Sunday.")]
    [InlineData("ar", "قال الوزير إن الوضع مستقر.")]
    public async Task Speaks_english_and_arabic_as_mono_16_bit_pcm(string language, string text)
    {
        var engine = new EspeakEngine(new EspeakOptions());
        var audio = await engine.SynthesizeAsync(new SpeechRequest(text, language, engine.DefaultVoice(language), 1.0), CancellationToken.None);

        Assert.Equal(22050, audio.SampleRate);
        Assert.InRange(audio.Duration.TotalSeconds, 1.0, 8.0);
        Assert.Contains(MemoryMarshalShorts(audio).ToArray(), s => Math.Abs((int)s) > 3000); // it is speech, not silence
    }

    [Fact]
    public async Task An_unknown_voice_is_an_input_error_that_names_the_voice_not_an_outage_to_retry()
    {
        var engine = new EspeakEngine(new EspeakOptions());
        var failure = await Assert.ThrowsAsync<RoyaAudio.Articles.ArticleInputException>(() =>
            engine.SynthesizeAsync(new SpeechRequest("Hello.", "en", "xx-no-such-voice", 1.0), CancellationToken.None));
        Assert.Contains("'xx-no-such-voice' is not an espeak-ng voice", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_that_looks_like_an_option_is_spoken_not_obeyed()
    {
        var engine = new EspeakEngine(new EspeakOptions());
        var target = Path.Combine(Path.GetTempPath(), $"roya-option-{Guid.NewGuid():N}.wav");
        try
        {
            var audio = await engine.SynthesizeAsync(new SpeechRequest($"--version -w {target}", "en", "en-us", 1.0), CancellationToken.None);

            // Obeyed, -w would write the speech to that file and --version would print instead of speaking.
            Assert.False(File.Exists(target), $"{target} was written");
            Assert.True(audio.Duration.TotalSeconds > 1.5, $"only {audio.Duration.TotalSeconds:0.00} s: the words were not all spoken");
            Assert.Contains(MemoryMarshalShorts(audio).ToArray(), s => Math.Abs((int)s) > 3000);
        }
        finally
        {
            File.Delete(target);
        }
    }

    [Fact]
    public async Task Faster_speed_gives_shorter_audio()
    {
        var engine = new EspeakEngine(new EspeakOptions());
        const string text = "Officials expect the figures to change as more data arrives.";
        var normal = await engine.SynthesizeAsync(new SpeechRequest(text, "en", "en-us", 1.0), CancellationToken.None);
        var fast = await engine.SynthesizeAsync(new SpeechRequest(text, "en", "en-us", 1.5), CancellationToken.None);
        Assert.InRange(fast.Duration / normal.Duration, 0.55, 0.8);
    }

    [Fact]
    public async Task A_missing_program_names_the_install_command()
    {
        var engine = new EspeakEngine(new EspeakOptions { Executable = "/nonexistent/espeak-ng" });
        var error = await Assert.ThrowsAsync<MissingDependencyException>(
            () => engine.SynthesizeAsync(new SpeechRequest("Hi.", "en", "en-us", 1.0), CancellationToken.None));
        Assert.Contains("apt-get install -y espeak-ng", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// espeak-ng reads standard input a line at a time in 999-byte pieces, each spoken as its own sentence: an
    /// Arabic sentence of 700 letters (1,300 bytes) was cut inside a word, with a pause there. Spoken whole, it must
    /// sound exactly as espeak-ng reads it from a file.
    /// </summary>
    [Fact]
    public async Task A_sentence_longer_than_a_thousand_bytes_is_spoken_whole()
    {
        var sentence = string.Concat(Enumerable.Repeat("كان الطقس في عمان اليوم مشمسا ودافئا مع رياح خفيفة ", 14)).Trim() + ".";
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(sentence) > 1200);
        var options = new EspeakOptions();
        var engine = new EspeakEngine(options);
        var audio = await engine.SynthesizeAsync(new SpeechRequest(sentence, "ar", "ar", 1.0), CancellationToken.None);

        var file = Path.Combine(Path.GetTempPath(), $"roya-sentence-{Guid.NewGuid():N}.txt");
        try
        {
            await File.WriteAllTextAsync(file, sentence);
            var start = new System.Diagnostics.ProcessStartInfo("espeak-ng") { RedirectStandardOutput = true };
            foreach (var argument in new[] { "-v", "ar", "-s", options.WordsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture), "-b", "1", "-f", file, "--stdout" })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = System.Diagnostics.Process.Start(start)!;
            using var wave = new MemoryStream();
            await process.StandardOutput.BaseStream.CopyToAsync(wave);
            await process.WaitForExitAsync();
            var fromFile = wave.ToArray().AsSpan(44); // after espeak-ng's fixed 44-byte WAV header
            Assert.True(fromFile.SequenceEqual(audio.Pcm16.Span),
                $"{audio.Duration.TotalSeconds:F2} s spoken, {fromFile.Length / 2.0 / audio.SampleRate:F2} s when espeak-ng reads the sentence from a file");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static ReadOnlySpan<short> MemoryMarshalShorts(SpeechAudio audio) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, short>(audio.Pcm16.Span);
}
