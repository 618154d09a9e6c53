using NAudio.Wave;

namespace RoyaAudio.Tests.Assembly;

/// <summary>Predictable clips for assembly tests: a tone between known stretches of silence, as a TTS engine's WAV.</summary>
internal static class TestClips
{
    public static string Tone(string directory, int sampleRate, double leadSeconds, double toneSeconds, double tailSeconds, double amplitude = 0.5)
    {
        var path = Path.Combine(directory, $"clip-{Guid.NewGuid():N}.wav");
        using var writer = new WaveFileWriter(path, new WaveFormat(sampleRate, 16, 1));
        var lead = (int)(leadSeconds * sampleRate);
        var tone = (int)(toneSeconds * sampleRate);
        var tail = (int)(tailSeconds * sampleRate);
        var samples = new short[lead + tone + tail];
        for (var i = 0; i < tone; i++)
        {
            samples[lead + i] = (short)(amplitude * short.MaxValue * Math.Sin(2 * Math.PI * 440 * i / sampleRate));
        }

        var bytes = new byte[samples.Length * 2];
        Buffer.BlockCopy(samples, 0, bytes, 0, bytes.Length);
        writer.Write(bytes, 0, bytes.Length);
        return path;
    }

    public static float[] ReadAll(ISampleProvider source)
    {
        var all = new List<float>();
        var buffer = new float[1000];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            all.AddRange(buffer.AsSpan(0, read));
        }

        return [.. all];
    }
}
