using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RoyaAudio.Loudness;
using RoyaAudio.Stitching;

namespace RoyaAudio.Benchmarks;

/// <summary>
/// The loudness stage over 60 s of synthetic narration at 24 kHz, fed in the renderer's 16,384-sample
/// chunks. One operation is one second of audio, so Op/s reads as times real time. Baseline: the
/// BS.1770 meter (K-weighting, gating, 4x true-peak); the ratio is the limiter's cost per audio
/// second relative to the meter's.
/// </summary>
[Config(typeof(StageConfig))]
[BenchmarkCategory("loudness")]
public class LoudnessBenchmarks
{
    private const int SampleRate = 24000;
    private const int Seconds = 60;
    private const int ChunkSamples = 16_384;

    /// <summary>About what the renderer applies to espeak-ng speech, so the limiter works hard.</summary>
    private const double GainDb = 6.0;
    private const double CeilingDbtp = -2.0;

    private float[] _audio = [];
    private readonly float[] _buffer = new float[ChunkSamples];

    [GlobalSetup]
    public void Setup()
    {
        _audio = SyntheticSpeech.Narration(SampleRate, Seconds, seed: 1770);
        var limiter = new TruePeakLimiter(new ArraySampleProvider(_audio, SampleRate), GainDb, CeilingDbtp);
        while (limiter.Read(_buffer) > 0)
        {
        }

        if (limiter.MaxGainReductionDb <= 0)
        {
            throw new InvalidOperationException("the limiter never acted on the test signal; it would not be measured doing its job");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Seconds)]
    public double Meter()
    {
        var meter = new LoudnessMeter(SampleRate);
        for (var start = 0; start < _audio.Length; start += ChunkSamples)
        {
            meter.Add(_audio.AsSpan(start, Math.Min(ChunkSamples, _audio.Length - start)));
        }

        return meter.IntegratedLufs;
    }

    [Benchmark(OperationsPerInvoke = Seconds)]
    public long Limiter()
    {
        var limiter = new TruePeakLimiter(new ArraySampleProvider(_audio, SampleRate), GainDb, CeilingDbtp);
        long total = 0;
        int read;
        while ((read = limiter.Read(_buffer)) > 0)
        {
            total += read;
        }

        return total;
    }
}
