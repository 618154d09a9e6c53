using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RoyaAudio.Mp3;

namespace RoyaAudio.Benchmarks;

/// <summary>
/// LAME (mono CBR 64 kbps at 24 kHz, tag frame included) over 60 s of synthetic narration, fed in the
/// renderer's 16,384-sample chunks into a reused in-memory stream. One operation is one second of
/// audio, so Op/s reads as times real time. Baseline: quality 5, the renderer's default; the ratios
/// are quality 7 (faster) and 2 (better) against it. Needs libmp3lame.so.0 (Debian: libmp3lame0).
/// </summary>
[Config(typeof(StageConfig))]
[BenchmarkCategory("lame")]
public class Mp3EncoderBenchmarks : IDisposable
{
    private const int SampleRate = 24000;
    private const int Seconds = 60;
    private const int BitrateKbps = 64;
    private const int ChunkSamples = 16_384;

    private float[] _audio = [];
    private readonly MemoryStream _mp3 = new(capacity: Seconds * BitrateKbps * 1000 / 8 * 2);

    [GlobalSetup]
    public void Setup()
    {
        _audio = SyntheticSpeech.Narration(SampleRate, Seconds, seed: 5);
        var bytes = Encode(5);
        var expected = Seconds * BitrateKbps * 1000 / 8;
        if (bytes < expected * 0.95 || bytes > expected * 1.05)
        {
            throw new InvalidOperationException($"LAME wrote {bytes} bytes for {Seconds} s at {BitrateKbps} kbps; expected about {expected}");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _mp3.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Seconds)]
    public long Quality5() => Encode(5);

    [Benchmark(OperationsPerInvoke = Seconds)]
    public long Quality7() => Encode(7);

    [Benchmark(OperationsPerInvoke = Seconds)]
    public long Quality2() => Encode(2);

    private long Encode(int quality)
    {
        _mp3.SetLength(0);
        using var encoder = new Mp3Encoder(_mp3, SampleRate, BitrateKbps, quality);
        for (var start = 0; start < _audio.Length; start += ChunkSamples)
        {
            encoder.Encode(_audio.AsSpan(start, Math.Min(ChunkSamples, _audio.Length - start)));
        }

        encoder.Finish();
        return _mp3.Length;
    }
}
