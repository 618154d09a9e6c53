using NAudio.Wave;
using RoyaAudio.Loudness;
using static RoyaAudio.Tests.Loudness.LoudnessSignals;

namespace RoyaAudio.Tests.Loudness;

public sealed class TruePeakLimiterTests
{
    private const int Rate = 24000;

    [Theory]
    [InlineData(24000)]
    [InlineData(22050)]
    [InlineData(48000)]
    public void Peaks_6dB_over_full_scale_come_out_under_the_ceiling(int sampleRate)
    {
        const double ceiling = -2.0;
        float[] signal = SpeechLike(sampleRate, 20.0, seed: 5);
        Assert.True(Measure(Scale(signal, 2.0), sampleRate).TruePeakDbtp > 6.0, "the test signal must need limiting");

        var limiter = new TruePeakLimiter(new ArraySampleProvider(signal, sampleRate), gainDb: 6.0206, ceilingDbtp: ceiling);
        float[] output = ReadAll(limiter, 4096);

        Assert.Equal(signal.Length, output.Length);
        Assert.True(Measure(output, sampleRate).TruePeakDbtp <= ceiling + 0.1, $"true peak {Measure(output, sampleRate).TruePeakDbtp} dBTP");
    }

    [Fact]
    public void Inter_sample_peaks_are_limited_although_the_samples_are_under_the_ceiling()
    {
        // Quarter-rate sine at 45°: samples at -3.01 dBFS, crest at 0 dBTP between them.
        const double ceiling = -2.0;
        float[] signal = Sine(Rate, Rate / 4.0, 1.0, 2.0, Math.PI / 4);
        var limiter = new TruePeakLimiter(new ArraySampleProvider(signal, Rate), gainDb: 0.0, ceilingDbtp: ceiling);
        float[] output = ReadAll(limiter, 4096);

        Assert.True(Measure(output, Rate).TruePeakDbtp <= ceiling + 0.1, $"true peak {Measure(output, Rate).TruePeakDbtp} dBTP");
    }

    [Fact]
    public void Signal_under_the_ceiling_passes_unchanged_and_aligned()
    {
        const double gainDb = 6.0;
        float[] signal = Scale(SpeechLike(Rate, 10.0, seed: 6), 0.25);
        float gain = (float)Math.Pow(10.0, gainDb / 20.0);

        var limiter = new TruePeakLimiter(new ArraySampleProvider(signal, Rate), gainDb, ceilingDbtp: -1.0);
        float[] output = ReadAll(limiter, 1000);

        Assert.Equal(signal.Length, output.Length);
        for (int i = 0; i < signal.Length; i++)
        {
            Assert.Equal(signal[i] * gain, output[i], 1e-6f);
        }

        Assert.Equal(0.0, limiter.MaxGainReductionDb);
    }

    [Fact]
    public void Audio_away_from_a_loud_burst_is_untouched()
    {
        const double gainDb = 6.0;
        const double releaseMs = 80.0;
        const double quiet = 0.025;
        float[] signal = Concat(
            Sine(Rate, 440.0, quiet, 2.0),
            Scale(SpeechLike(Rate, 0.5, seed: 7), 1.0),
            Sine(Rate, 440.0, quiet, 3.0));
        int burstStart = 2 * Rate;
        int burstEnd = burstStart + Rate / 2;
        float gain = (float)Math.Pow(10.0, gainDb / 20.0);

        var limiter = new TruePeakLimiter(new ArraySampleProvider(signal, Rate), gainDb, ceilingDbtp: -2.0, lookAheadMs: 5.0, releaseMs: releaseMs);
        float[] output = ReadAll(limiter, 4096);
        Assert.True(limiter.MaxGainReductionDb > 6.0, "the burst must be limited");

        // A look-ahead limiter cannot act earlier than its latency before a peak.
        for (int i = 0; i < burstStart - limiter.LatencySamples; i++)
        {
            Assert.Equal(signal[i] * gain, output[i], 1e-6f);
        }

        // After the burst (plus the latency) the reduction g decays as g·exp(-t/release); for the
        // quiet tone (0.05 after gain) to be within 1e-6, 1 - gain must fall under 2e-5:
        // t = release·ln(1 / 2e-5) = 0.87 s for even a total reduction.
        double settle = releaseMs / 1000.0 * Math.Log(1.0 / 2e-5);
        int from = burstEnd + limiter.LatencySamples + (int)Math.Ceiling(settle * Rate);
        for (int i = from; i < signal.Length; i++)
        {
            Assert.Equal(signal[i] * gain, output[i], 1e-6f);
        }
    }

    [Fact]
    public void Gain_changes_ramp_without_steps()
    {
        // Constant 0.25 with one full-scale sample: the output over the constant part traces the
        // gain curve. Spread over a 5 ms look-ahead (120 samples) by the moving average, the gain
        // can change by at most (1 - lowest gain) / 120 per sample; an unsmoothed limiter would jump
        // by the whole reduction in one sample.
        const double level = 0.25;
        int lookAhead = (int)Math.Round(5.0 * Rate / 1000.0);
        var signal = new float[Rate];
        Array.Fill(signal, (float)level);
        signal[Rate / 2] = 1.0f;

        var limiter = new TruePeakLimiter(new ArraySampleProvider(signal, Rate), gainDb: 0.0, ceilingDbtp: -6.0, lookAheadMs: 5.0, releaseMs: 80.0);
        float[] output = ReadAll(limiter, 4096);

        double lowestGain = Math.Pow(10.0, -limiter.MaxGainReductionDb / 20.0);
        Assert.True(lowestGain < 0.55, $"lowest gain {lowestGain}");
        double largestStep = 0.0;
        for (int i = 1; i < signal.Length; i++)
        {
            if (signal[i] == signal[i - 1])
            {
                largestStep = Math.Max(largestStep, Math.Abs(output[i] - output[i - 1]));
            }
        }

        double allowed = level * (1.0 - lowestGain) / lookAhead;
        Assert.True(largestStep <= allowed * 1.001, $"step {largestStep} > {allowed}");
        Assert.True(Measure(output, Rate).TruePeakDbtp <= -6.0 + 0.1);
    }

    [Theory]
    [InlineData(1, int.MaxValue)]
    [InlineData(7, int.MaxValue)]
    [InlineData(4096, int.MaxValue)]
    [InlineData(4096, 5)]
    public void Read_size_does_not_change_the_output(int bufferSize, int sourceMaxPerRead)
    {
        float[] signal = SpeechLike(Rate, 3.0, seed: 8);
        float[] reference = ReadAll(new TruePeakLimiter(new ArraySampleProvider(signal, Rate), 6.0, -2.0), signal.Length + 1000);

        var limiter = new TruePeakLimiter(new ArraySampleProvider(signal, Rate, sourceMaxPerRead), 6.0, -2.0);
        float[] output = ReadAll(limiter, bufferSize);

        Assert.Equal(signal.Length, reference.Length);
        Assert.Equal(reference, output);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(50)]
    public void Sources_shorter_than_the_latency_come_out_whole(int length)
    {
        float[] signal = Sine(Rate, 300.0, 0.1, length / (double)Rate);
        var limiter = new TruePeakLimiter(new ArraySampleProvider(signal, Rate), 0.0, -1.0);

        float[] output = ReadAll(limiter, 7);

        Assert.Equal(signal, output);
        Assert.Equal(0, limiter.Read(new float[16]));
    }

    [Fact]
    public void Rejects_sources_that_are_not_mono_float()
    {
        var stereo = new StereoSource();
        Assert.Throws<ArgumentException>(() => new TruePeakLimiter(stereo, 0.0, -1.0));
    }

    private sealed class StereoSource : ISampleProvider
    {
        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(Rate, 2);

        public int Read(Span<float> buffer) => 0;
    }
}
