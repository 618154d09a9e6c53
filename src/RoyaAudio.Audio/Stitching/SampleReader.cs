using NAudio.Wave;
using NAudio.Wave.SampleProviders;

namespace RoyaAudio.Stitching;

/// <summary>Reads a short source (one clip) whole, at the rate the programme needs.</summary>
public static class SampleReader
{
    public static ISampleProvider AtRate(ISampleProvider source, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source.WaveFormat.SampleRate == sampleRate ? source : new WdlResamplingSampleProvider(source, sampleRate);
    }

    /// <param name="sizeHint">Expected samples; the buffer grows if the source gives more.</param>
    /// <returns>The samples, in a buffer that may be longer: clips are large objects, and a copy to trim it would be another.</returns>
    public static ArraySegment<float> ReadAll(ISampleProvider source, int sizeHint)
    {
        ArgumentNullException.ThrowIfNull(source);
        var samples = new float[Math.Max(1024, sizeHint + 1024)];
        var total = 0;
        int read;
        while (true)
        {
            if (total == samples.Length)
            {
                Array.Resize(ref samples, samples.Length * 2);
            }

            read = source.Read(samples.AsSpan(total));
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return new ArraySegment<float>(samples, 0, total);
    }
}
