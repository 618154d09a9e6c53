using RoyaAudio.Loudness;
using static RoyaAudio.Tests.Loudness.LoudnessSignals;

namespace RoyaAudio.Tests.Loudness;

public sealed class LoudnessMeterTests
{
    // BS.1770: a sine's mean square is A²/2, and at 997 Hz the K-weighting's gain cancels the
    // -0.691 dB offset, so the sine reads 10·log10(A²/2) = 20·log10(A) - 3.01 LUFS.
    private static double SineLufs(double amplitude) => Db(amplitude) + 10.0 * Math.Log10(0.5);

    [Theory]
    [InlineData(48000, 1.0)]
    [InlineData(48000, 0.1)]
    [InlineData(44100, 0.5)]
    [InlineData(24000, 1.0)]
    [InlineData(24000, 0.1)]
    [InlineData(22050, 0.5)]
    public void Sine_997Hz_reads_its_level_minus_3_01(int sampleRate, double amplitude)
    {
        var meter = Measure(Sine(sampleRate, 997.0, amplitude, 10.0), sampleRate);

        Assert.InRange(meter.IntegratedLufs, SineLufs(amplitude) - 0.1, SineLufs(amplitude) + 0.1);
    }

    [Fact]
    public void K_weighting_at_48kHz_reproduces_the_coefficients_published_in_BS1770()
    {
        var filter = new KWeightingFilter(48000);

        // BS.1770-4 tables 1 and 2.
        var (b0, b1, b2, a1, a2) = filter.Shelf;
        Assert.Equal(1.53512485958697, b0, 1e-8);
        Assert.Equal(-2.69169618940638, b1, 1e-8);
        Assert.Equal(1.19839281085285, b2, 1e-8);
        Assert.Equal(-1.69065929318241, a1, 1e-8);
        Assert.Equal(0.73248077421585, a2, 1e-8);
        var (c1, c2) = filter.HighPass;
        Assert.Equal(-1.99004745483398, c1, 1e-8);
        Assert.Equal(0.99007225036621, c2, 1e-8);
    }

    [Fact]
    public void Trailing_silence_is_removed_by_the_absolute_gate()
    {
        const int rate = 48000;
        float[] tone = Sine(rate, 997.0, 0.5, 10.0);
        float[] toneThenSilence = Concat(tone, new float[10 * rate]);

        double alone = Measure(tone, rate).IntegratedLufs;
        double withSilence = Measure(toneThenSilence, rate).IntegratedLufs;

        // 10 s of tone make 97 full blocks (400 ms every 100 ms). With the silence, three more
        // blocks straddle the end, holding 3/4, 2/4 and 1/4 of the tone's energy; they pass both
        // gates, while the 97 silent blocks fail the -70 LUFS gate. Mean energy: (97 + 1.5) / 100 of
        // the tone's, i.e. -0.066 dB. Without the absolute gate the mean would be 98.5/197, -3.0 dB.
        double expected = alone + 10.0 * Math.Log10(98.5 / 100.0);
        Assert.InRange(withSilence, expected - 0.01, expected + 0.01);
        Assert.InRange(withSilence, alone - 0.1, alone + 0.1);
    }

    [Fact]
    public void Quiet_passage_20_LU_down_is_removed_by_the_relative_gate()
    {
        const int rate = 48000;
        float[] signal = Sine(rate, 997.0, 1.0, 20.0);
        for (int i = 0; i < signal.Length; i++)
        {
            signal[i] *= i < 10 * rate ? 0.1f : 0.01f;
        }

        double loud = SineLufs(0.1); // -23.01 LUFS, energy E per block
        double measured = Measure(signal, rate).IntegratedLufs;

        // Blocks: 97 at E, 97 at q = E/100, and 3 straddling the step at 0.75E + 0.25q,
        // 0.5E + 0.5q, 0.25E + 0.75q (1.5E + 1.5q together). All pass the absolute gate, so the
        // relative gate sits 10 LU under their mean: (98.5E + 98.5q) / 197 = 0.505E, i.e. -2.97 LU,
        // giving a gate at loud - 12.97 LU. The quiet blocks (-20 LU) fall below it; the straddling
        // ones (-1.24, -2.97, -5.89 LU) stay. Result: (97 + 1.515) / 100 of E, i.e. loud - 0.065 LU.
        // Without the relative gate it would read loud - 2.97 LU.
        double expected = loud + 10.0 * Math.Log10((97 + 1.5 + 1.5 * 0.01) / 100.0);
        Assert.InRange(measured, expected - 0.05, expected + 0.05);
    }

    [Fact]
    public void Silence_and_too_short_programmes_read_negative_infinity()
    {
        var silent = Measure(new float[48000 * 5], 48000);
        Assert.Equal(double.NegativeInfinity, silent.IntegratedLufs);
        Assert.Equal(double.NegativeInfinity, silent.TruePeakDbtp);
        Assert.Equal(double.NegativeInfinity, silent.SamplePeakDbfs);

        // Under 400 ms there is no gating block at all.
        var shortTone = Measure(Sine(24000, 997.0, 0.5, 0.39), 24000);
        Assert.Equal(double.NegativeInfinity, shortTone.IntegratedLufs);
        Assert.InRange(shortTone.SamplePeakDbfs, Db(0.5) - 0.01, Db(0.5) + 0.001);
    }

    [Theory]
    [InlineData(48000)]
    [InlineData(24000)]
    public void Quarter_rate_sine_between_samples_shows_its_true_peak(int sampleRate)
    {
        // At fs/4 with a 45° phase every sample sits at ±A·sin(45°) = ±0.707A, 3.01 dB under the
        // waveform's crest, which lies halfway between samples. The 4x points nearest the crest are
        // an eighth of a sample (π/16 of phase) away: cos(π/16) costs 0.17 dB.
        const double amplitude = 0.5;
        var meter = Measure(Sine(sampleRate, sampleRate / 4.0, amplitude, 1.0, Math.PI / 4), sampleRate);

        Assert.InRange(meter.TruePeakDbtp, Db(amplitude) - 0.5, Db(amplitude) + 0.5);
        Assert.InRange(meter.SamplePeakDbfs, Db(amplitude * Math.Sqrt(0.5)) - 0.01, Db(amplitude * Math.Sqrt(0.5)) + 0.01);
    }

    [Fact]
    public void True_peak_is_never_below_the_sample_peak()
    {
        // A lone full-scale sample: the interpolator's nearest point is 0.972 of it.
        var samples = new float[24000];
        samples[12000] = 1f;
        var meter = Measure(samples, 24000);

        Assert.Equal(0.0, meter.SamplePeakDbfs, 1e-9);
        Assert.InRange(meter.TruePeakDbtp, 0.0, 0.5);
    }

    [Fact]
    public void Peak_in_the_last_samples_is_measured()
    {
        // The crest of the quarter-rate sine falls between the last two samples.
        float[] samples = Concat(new float[24000], [0.70710677f, 0.70710677f]);
        var meter = Measure(samples, 24000);

        Assert.True(meter.TruePeakDbtp > meter.SamplePeakDbfs + 1.0, $"true peak {meter.TruePeakDbtp} dBTP");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Chunk_size_does_not_change_the_readings(int chunk)
    {
        const int rate = 24000;
        float[] signal = SpeechLike(rate, 12.0, seed: 11);
        var whole = Measure(signal, rate);
        var chunked = new LoudnessMeter(rate);
        for (int i = 0; i < signal.Length; i += chunk)
        {
            chunked.Add(signal.AsSpan(i, Math.Min(chunk, signal.Length - i)));
        }

        Assert.Equal(whole.IntegratedLufs, chunked.IntegratedLufs, 1e-9);
        Assert.Equal(whole.TruePeakDbtp, chunked.TruePeakDbtp);
        Assert.Equal(whole.SamplePeakDbfs, chunked.SamplePeakDbfs);
        Assert.Equal(signal.Length, chunked.SampleCount);
    }
}
