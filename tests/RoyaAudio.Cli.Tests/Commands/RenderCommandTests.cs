using System.Text.Json;

namespace RoyaAudio.Tests.Commands;

/// <summary>The rendered MP3 judged from outside: ffmpeg decodes and measures it.</summary>
public sealed class RenderCommandTests(RenderedSamples samples) : IClassFixture<RenderedSamples>
{
    private const double LongestDesignedPauseSeconds = 0.9;

    public static TheoryData<string> Samples => new() { "roya-putin-iran", "roya-amman-weather-ar" };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Render_succeeds_and_prints_the_mp3_path_last(string sample)
    {
        var render = samples.ByName[sample].Render;
        Assert.True(render.ExitCode == 0, render.ToString());
        Assert.EndsWith(".mp3", render.LastLine, StringComparison.Ordinal);
        Assert.True(File.Exists(render.LastLine));
        Assert.True(File.Exists(Path.ChangeExtension(render.LastLine, ".vtt")));
        Assert.True(File.Exists(Path.ChangeExtension(render.LastLine, ".html")));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Decoded_duration_matches_the_manifest_within_50_ms(string sample)
    {
        var rendered = samples.ByName[sample];
        var decoded = AudioProbe.DecodedSeconds(rendered.Mp3);
        var manifest = rendered.Manifest.GetProperty("durationMs").GetInt64() / 1000.0;
        Assert.InRange(decoded - manifest, -0.05, 0.05);
        Assert.True(decoded > 10, $"a whole article is longer than {decoded} s");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Loudness_is_minus_16_LUFS_with_true_peak_at_most_minus_1_dBTP(string sample)
    {
        var (lufs, truePeak) = AudioProbe.Loudness(samples.ByName[sample].Mp3);
        Assert.InRange(lufs, -17.0, -15.0);
        Assert.True(truePeak <= -1.0, $"true peak {truePeak} dBTP");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void No_silence_is_longer_than_the_longest_designed_pause_and_the_start_is_prompt(string sample)
    {
        var mp3 = samples.ByName[sample].Mp3;
        var silences = AudioProbe.Silences(mp3);
        var longest = silences.Max(s => s.End - s.Start);
        Assert.True(longest <= LongestDesignedPauseSeconds + 0.15, $"a silence of {longest:F3} s");
        var leading = silences.FirstOrDefault(s => s.Start < 0.01);
        Assert.True(leading.End - leading.Start <= 0.3, $"leading silence {leading.End - leading.Start:F3} s");
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sentence_starts_within_100_ms_of_where_the_audio_leaves_silence(string sample)
    {
        var rendered = samples.ByName[sample];
        var speechStarts = AudioProbe.Silences(rendered.Mp3, noiseDb: -50, minSeconds: 0.05).Select(s => s.End).Prepend(0).ToList();
        foreach (var sentence in rendered.Sentences)
        {
            var start = sentence.Start / 1000.0;
            var nearest = speechStarts.MinBy(s => Math.Abs(s - start));
            Assert.True(Math.Abs(nearest - start) <= 0.1,
                $"sentence '{sentence.Text}' starts at {start:F3} s; nearest end of silence {nearest:F3} s");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_script_sentence_is_timed_once_in_order_without_overlap(string sample)
    {
        var rendered = samples.ByName[sample];
        using var script = JsonDocument.Parse(rendered.Script.Stdout);
        var expected = script.RootElement.GetProperty("paragraphs").EnumerateArray()
            .SelectMany(p => p.GetProperty("sentences").EnumerateArray()).Select(s => s.GetProperty("text").GetString()).ToList();
        var sentences = rendered.Sentences;

        Assert.Equal(expected, sentences.Select(s => s.Text));
        for (var i = 0; i < sentences.Count; i++)
        {
            Assert.True(sentences[i].End > sentences[i].Start);
            if (i > 0)
            {
                Assert.True(sentences[i].Start >= sentences[i - 1].End + 200, $"sentence {i} overlaps or follows too closely");
            }
        }

        var vtt = File.ReadAllText(Path.ChangeExtension(rendered.Mp3, ".vtt"));
        Assert.StartsWith("WEBVTT", vtt, StringComparison.Ordinal);
        // Every sentence, then the AI note the voice speaks at the end (Disclosure:Spoken's default).
        Assert.Equal(sentences.Count + 1, vtt.Split(" --> ").Length - 1);
        Assert.EndsWith(rendered.Manifest.GetProperty("disclosure").GetString() + "\n\n", vtt, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_mp3_is_mono_64_kbps_and_carries_title_publisher_language_and_ai_disclosure(string sample)
    {
        var rendered = samples.ByName[sample];
        var tags = AudioProbe.Tags(rendered.Mp3);
        var disclosure = rendered.Manifest.GetProperty("disclosure").GetString();

        Assert.Equal("mp3", tags["stream.codec_name"]);
        Assert.Equal("1", tags["stream.channels"]);
        Assert.Equal("64000", tags["stream.bit_rate"]);
        Assert.False(string.IsNullOrWhiteSpace(tags["title"]));
        Assert.Equal("Roya News", tags["artist"]);
        Assert.Equal(sample.EndsWith("-ar", StringComparison.Ordinal) ? "ara" : "eng", tags["language"]);
        Assert.Equal(disclosure, tags["comment"]);
        Assert.Equal(disclosure, tags["AI_DISCLOSURE"]);
    }

    [Fact]
    public async Task A_second_render_of_the_same_article_synthesises_nothing()
    {
        var again = await CliProcess.RunAsync("render", CliProcess.Sample("roya-putin-iran.json"), "--out", Path.Combine(samples.Directory, "again"),
            "--cache", samples.Cache, "--lexicon", CliProcess.Sample("lexicon.json"));
        Assert.True(again.ExitCode == 0, again.ToString());
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(again.LastLine, ".json"))).RootElement;
        Assert.Equal(0, manifest.GetProperty("requests").GetInt32());
        Assert.Equal(manifest.GetProperty("units").GetInt32(), manifest.GetProperty("cacheHits").GetInt32());
        Assert.Equal(0, manifest.GetProperty("characters").GetInt32());
    }
}
