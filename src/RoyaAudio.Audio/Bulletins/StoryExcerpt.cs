using NAudio.Wave;
using RoyaAudio.Quality;

namespace RoyaAudio.Bulletins;

/// <summary>A stretch of a rendition's MP3, decoded (by NLayer, gapless) into a WAV a programme can join.</summary>
public static class StoryExcerpt
{
    public static void Write(string mp3Path, long startMs, long endMs, string wavPath)
    {
        WaveFileWriter? writer = null;
        long from = 0, to = 0, position = 0;
        try
        {
            Mp3Reading.Decode(mp3Path, samples =>
            {
                var start = (int)Math.Clamp(from - position, 0, samples.Length);
                var end = (int)Math.Clamp(to - position, 0, samples.Length);
                if (end > start)
                {
                    writer!.WriteSamples(samples[start..end].ToArray(), 0, end - start);
                }

                position += samples.Length;
            }, rate =>
            {
                from = startMs * rate / 1000;
                to = endMs * rate / 1000;
                writer = new WaveFileWriter(wavPath, WaveFormat.CreateIeeeFloatWaveFormat(rate, 1));
            });
        }
        finally
        {
            writer?.Dispose();
        }

        if (to <= from || position <= from)
        {
            throw new InvalidDataException($"{mp3Path} holds no audio between {startMs} and {endMs} ms");
        }
    }
}
