using NAudio.Wave;
using NAudio.Wave.SampleProviders;
using RoyaAudio.Stitching;
using RoyaAudio.Synthesis;
using Xunit.Abstractions;

namespace RoyaAudio.Tests.Assembly;

/// <summary>
/// Sentence starts found in one packed request's audio, against ground truth: each sentence rendered
/// on its own, and located in the packed audio by matching its waveform.
/// </summary>
public sealed class PartAlignerTests(ITestOutputHelper output)
{
    private const int Rate = 24000;

    public static TheoryData<string, string[]> Paragraphs => new()
    {
        {
            "en", [
                "Russian President Vladimir Putin congratulated Iranian leaders on Nowruz, stressing that Moscow remains a loyal friend.",
                "In a message marking the Persian New Year, Putin expressed hope that the Iranian people would overcome current challenges.",
                "Despite these assurances, the extent of Russia's backing remains under scrutiny.",
                "Iranian sources said Tehran has received limited practical assistance.",
                "The discrepancy has raised questions about the depth of the partnership.",
            ]
        },
        {
            "ar", [
                "توقعت دائرة الأرصاد الجوية أن تتأثر المملكة اليوم بكتلة هوائية باردة.",
                "وقال مدير الدائرة إن درجات الحرارة ستنخفض بنحو أربع درجات عن معدلاتها.",
                "وأضاف أن الرياح ستكون شمالية غربية معتدلة السرعة.",
                "وحذرت الدائرة من خطر الانزلاق على الطرقات.",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Paragraphs))]
    public async Task Sentence_starts_in_a_packed_unit_are_within_150_ms_of_ground_truth(string language, string[] sentences)
    {
        var engine = new EspeakEngine(new EspeakOptions());
        var voice = engine.DefaultVoice(language);
        var packed = Speech(await engine.SynthesizeAsync(new SpeechRequest(string.Join(' ', sentences), language, voice, 1.0), CancellationToken.None));
        var options = new AudioOptions();
        var (trimStart, trimLength) = ClipShaping.SpeechRange(packed, options);
        var speech = packed.AsSpan(trimStart, trimLength).ToArray();

        var spans = PartAligner.Align(speech, [.. sentences.Select(s => s.Length)], Rate, options.SilenceThresholdDbfs);

        var errors = new List<double>();
        var searchFrom = 0;
        for (var k = 0; k < sentences.Length; k++)
        {
            var alone = Speech(await engine.SynthesizeAsync(new SpeechRequest(sentences[k], language, voice, 1.0), CancellationToken.None));
            var (aloneStart, _) = ClipShaping.SpeechRange(alone, options);
            var truth = Locate(speech, alone.AsSpan(aloneStart, Math.Min(Rate / 2, alone.Length - aloneStart)), searchFrom);
            searchFrom = truth + Rate / 10;
            var error = (spans[k].Start - truth) * 1000.0 / Rate;
            errors.Add(Math.Abs(error));
            output.WriteLine($"{language} sentence {k}: aligned {spans[k].Start * 1000.0 / Rate:F0} ms, truth {truth * 1000.0 / Rate:F0} ms, error {error:+0;-0} ms");
        }

        output.WriteLine($"{language}: mean |error| {errors.Average():F1} ms, max {errors.Max():F1} ms");
        Assert.All(errors, e => Assert.True(e <= 150, $"error {e:F0} ms"));
    }

    [Fact]
    public void A_unit_without_pauses_falls_back_to_character_shares()
    {
        var tone = Enumerable.Range(0, Rate * 2).Select(i => 0.5f * MathF.Sin(i * 0.1f)).ToArray();
        var spans = PartAligner.Align(tone, [10, 30], Rate, -50);
        Assert.Equal((0, Rate / 2), spans[0]);
        Assert.Equal((Rate / 2, Rate * 2), spans[1]);
    }

    private static float[] Speech(SpeechAudio audio)
    {
        using var raw = new RawSourceWaveStream(audio.Pcm16.ToArray(), 0, audio.Pcm16.Length, new WaveFormat(audio.SampleRate, 16, 1));
        var resampled = new WdlResamplingSampleProvider(raw.ToSampleProvider(), Rate);
        return TestClips.ReadAll(resampled);
    }

    /// <summary>Where <paramref name="needle"/> best matches <paramref name="haystack"/> (normalised cross-correlation), at or after <paramref name="from"/>.</summary>
    private static int Locate(float[] haystack, ReadOnlySpan<float> needle, int from)
    {
        // Coarse search every 8 samples, then every sample around the best coarse match.
        var coarse = Best(haystack, needle, from, haystack.Length, 8);
        return Best(haystack, needle, Math.Max(from, coarse - 8), coarse + 9, 1);
    }

    private static int Best(float[] haystack, ReadOnlySpan<float> needle, int from, int to, int step)
    {
        var best = from;
        var bestScore = double.MinValue;
        var needleEnergy = Math.Sqrt(Dot(needle, needle));
        for (var offset = from; offset < to && offset + needle.Length <= haystack.Length; offset += step)
        {
            var window = haystack.AsSpan(offset, needle.Length);
            var score = Dot(window, needle) / (Math.Sqrt(Dot(window, window)) * needleEnergy + 1e-9);
            if (score > bestScore)
            {
                bestScore = score;
                best = offset;
            }
        }

        return best;
    }

    private static double Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => System.Numerics.Tensors.TensorPrimitives.Dot(a, b);
}
