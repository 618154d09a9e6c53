using NAudio.Wave;
using RoyaAudio.Loudness;

namespace RoyaAudio.Tests.Loudness;

/// <summary>Deterministic synthetic signals and plumbing for the loudness tests.</summary>
internal static class LoudnessSignals
{
    public static float[] Sine(int sampleRate, double frequency, double amplitude, double seconds, double phase = 0.0)
    {
        var samples = new float[(int)Math.Round(seconds * sampleRate)];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(amplitude * Math.Sin(2.0 * Math.PI * frequency * i / sampleRate + phase));
        }

        return samples;
    }

    public static float[] Concat(params float[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>
    /// Noise shaped like read speech: band-limited to roughly 100 Hz - 4 kHz (fourth-order
    /// Butterworth low-pass, so little is left near Nyquist), in syllables of 80-250 ms with short
    /// gaps and an occasional sentence pause, scaled to a sample peak of 1.
    /// </summary>
    public static float[] SpeechLike(int sampleRate, double seconds, int seed)
    {
        var random = new Random(seed);
        var samples = new float[(int)Math.Round(seconds * sampleRate)];
        var lowPass1 = new LowPass(sampleRate, 4000.0, 0.5412);
        var lowPass2 = new LowPass(sampleRate, 4000.0, 1.3066);
        double highPass = Math.Exp(-2.0 * Math.PI * 100.0 / sampleRate);
        double hpIn = 0, hpOut = 0;
        int i = 0;
        int syllables = 0;
        while (i < samples.Length)
        {
            int length = (int)(sampleRate * (0.08 + 0.17 * random.NextDouble()));
            double level = 0.25 + 0.75 * random.NextDouble();
            for (int j = 0; j < length && i < samples.Length; j++, i++)
            {
                double band = lowPass2.Process(lowPass1.Process(2.0 * random.NextDouble() - 1.0));
                hpOut = highPass * (hpOut + band - hpIn);
                hpIn = band;
                double envelope = Math.Sin(Math.PI * j / length);
                samples[i] = (float)(level * envelope * hpOut);
            }

            double gap = ++syllables % 10 == 0 ? 0.3 + 0.3 * random.NextDouble() : 0.02 + 0.06 * random.NextDouble();
            i += (int)(gap * sampleRate);
        }

        float peak = samples.Max(MathF.Abs);
        for (int k = 0; k < samples.Length; k++)
        {
            samples[k] /= peak;
        }

        return samples;
    }

    public static float[] Scale(float[] samples, double factor) => samples.Select(s => (float)(s * factor)).ToArray();

    public static LoudnessMeter Measure(float[] samples, int sampleRate)
    {
        var meter = new LoudnessMeter(sampleRate);
        meter.Add(samples);
        return meter;
    }

    /// <summary>Reads <paramref name="provider"/> to its end with reads of <paramref name="bufferSize"/> samples.</summary>
    public static float[] ReadAll(ISampleProvider provider, int bufferSize)
    {
        var output = new List<float>();
        var buffer = new float[bufferSize];
        int read;
        while ((read = provider.Read(buffer)) > 0)
        {
            output.AddRange(buffer.AsSpan(0, read));
        }

        return [.. output];
    }

    public static double Db(double linear) => 20.0 * Math.Log10(linear);
}

/// <summary>RBJ-cookbook biquad low-pass.</summary>
internal sealed class LowPass
{
    private readonly double b0, b1, b2, a1, a2;
    private double x1, x2, y1, y2;

    public LowPass(int sampleRate, double frequency, double q)
    {
        double w = 2.0 * Math.PI * frequency / sampleRate;
        double alpha = Math.Sin(w) / (2.0 * q);
        double a0 = 1.0 + alpha;
        b1 = (1.0 - Math.Cos(w)) / a0;
        b0 = b2 = b1 / 2.0;
        a1 = -2.0 * Math.Cos(w) / a0;
        a2 = (1.0 - alpha) / a0;
    }

    public double Process(double x)
    {
        double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
        x2 = x1;
        x1 = x;
        y2 = y1;
        y1 = y;
        return y;
    }
}

/// <summary>A mono float source over an array, optionally returning at most a few samples per read.</summary>
internal sealed class ArraySampleProvider(float[] samples, int sampleRate, int maxPerRead = int.MaxValue) : ISampleProvider
{
    private int position;

    public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, 1);

    public int Read(Span<float> buffer)
    {
        int count = Math.Min(Math.Min(buffer.Length, maxPerRead), samples.Length - position);
        samples.AsSpan(position, count).CopyTo(buffer);
        position += count;
        return count;
    }
}
