using NAudio.Wave;

namespace RoyaAudio.Stitching;

/// <summary>Mono float samples in memory as a sample source, to feed a resampler or the limiter.</summary>
public sealed class ArraySampleProvider(float[] samples, int sampleRate) : ISampleProvider
{
    private int _position;

    public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, 1);

    public int Read(Span<float> buffer)
    {
        var count = Math.Min(buffer.Length, samples.Length - _position);
        samples.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
