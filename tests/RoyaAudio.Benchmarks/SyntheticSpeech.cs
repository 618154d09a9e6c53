using NAudio.Wave;

namespace RoyaAudio.Benchmarks;

/// <summary>
/// Deterministic speech-like audio: syllables of low-passed noise under a raised-cosine envelope at
/// varying levels, short gaps between them, and sentence pauses of digital silence, peaking just under
/// 0 dBFS as espeak-ng does. The same seed gives the same samples on every machine and runtime.
/// </summary>
internal static class SyntheticSpeech
{
    private const float Peak = 0.98f;

    /// <summary>
    /// <paramref name="seconds"/> of continuous narration: sentences of 2–5 s separated by 350 ms pauses,
    /// 700 ms after every fourth, the last sentence cut at the end.
    /// </summary>
    public static float[] Narration(int sampleRate, int seconds, uint seed)
    {
        var samples = new float[sampleRate * seconds];
        var random = new Xorshift(seed);
        var position = 0;
        for (var sentence = 1; position < samples.Length; sentence++)
        {
            var length = Math.Min(samples.Length - position, sampleRate * (2000 + random.Next(3000)) / 1000);
            Speak(samples.AsSpan(position, length), sampleRate, ref random);
            position += length + sampleRate * (sentence % 4 == 0 ? 700 : 350) / 1000;
        }

        Normalize(samples);
        return samples;
    }

    /// <summary>Sentences of the given lengths, with the given pauses between them (one fewer), over a −70 dBFS noise floor.</summary>
    public static float[] Unit(int sampleRate, IReadOnlyList<int> sentenceMs, IReadOnlyList<int> pauseMs, uint seed)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(pauseMs.Count, sentenceMs.Count - 1);
        var total = sentenceMs.Sum() + pauseMs.Sum();
        var samples = new float[(long)total * sampleRate / 1000];
        var random = new Xorshift(seed);
        var position = 0;
        for (var i = 0; i < sentenceMs.Count; i++)
        {
            var length = sentenceMs[i] * sampleRate / 1000;
            Speak(samples.AsSpan(position, Math.Min(length, samples.Length - position)), sampleRate, ref random);
            position += length + (i < pauseMs.Count ? pauseMs[i] * sampleRate / 1000 : 0);
        }

        Normalize(samples);
        const float floor = 3.2e-4f; // −70 dBFS
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] += floor * (random.NextFloat() - 0.5f) * 2;
        }

        return samples;
    }

    /// <summary>Writes <paramref name="samples"/> as a mono 16-bit WAV, the format TTS engines return.</summary>
    public static void WriteWav16(string path, ReadOnlySpan<float> samples, int sampleRate)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            var value = (short)Math.Clamp(MathF.Round(samples[i] * short.MaxValue), short.MinValue, short.MaxValue);
            bytes[2 * i] = (byte)value;
            bytes[(2 * i) + 1] = (byte)(value >> 8);
        }

        using var writer = new WaveFileWriter(path, new WaveFormat(sampleRate, 16, 1));
        writer.Write(bytes, 0, bytes.Length);
    }

    /// <summary>
    /// Fills <paramref name="target"/> with syllables of 100–250 ms at levels 0.25–1 and gaps of 10–60 ms:
    /// no gap is long enough (120 ms) to read as a pause between sentences. Starts and ends on a syllable.
    /// </summary>
    public static void Speak(Span<float> target, int sampleRate, ref Xorshift random)
    {
        var position = 0;
        var lowPassed = 0f;
        while (position < target.Length)
        {
            var length = sampleRate * (100 + random.Next(150)) / 1000;
            if (target.Length - position - length < sampleRate * 160 / 1000)
            {
                length = target.Length - position; // the last syllable runs to the end rather than leave a gap there
            }

            var level = 0.25f + (0.75f * random.NextFloat());
            for (var i = 0; i < length; i++)
            {
                // Sum of four uniforms: near-Gaussian, so peaks stand well above the average like speech.
                var noise = random.NextFloat() + random.NextFloat() + random.NextFloat() + random.NextFloat() - 2f;
                lowPassed += 0.35f * (noise - lowPassed);
                // A raised cosine that is already audible at both ends, as a clip starts and stops on speech.
                var envelope = 0.55f - (0.45f * MathF.Cos(2 * MathF.PI * (i + 0.5f) / length));
                target[position + i] = level * envelope * lowPassed;
            }

            position += length + (sampleRate * (10 + random.Next(50)) / 1000);
        }
    }

    public static void Normalize(Span<float> samples)
    {
        var peak = 0f;
        foreach (var sample in samples)
        {
            peak = MathF.Max(peak, MathF.Abs(sample));
        }

        if (peak > 0)
        {
            var gain = Peak / peak;
            foreach (ref var sample in samples)
            {
                sample *= gain;
            }
        }
    }

    /// <summary>xorshift32: tiny, fast and the same everywhere.</summary>
    internal struct Xorshift(uint seed)
    {
        private uint _state = seed == 0 ? 0x9E3779B9u : seed;

        public uint NextUInt()
        {
            var x = _state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _state = x;
            return x;
        }

        /// <summary>Uniform in [0, 1).</summary>
        public float NextFloat() => (NextUInt() >> 8) * (1f / (1 << 24));

        /// <summary>Uniform in [0, <paramref name="maxExclusive"/>).</summary>
        public int Next(int maxExclusive) => (int)(NextUInt() % (uint)maxExclusive);
    }
}
