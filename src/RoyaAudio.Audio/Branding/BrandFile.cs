using NAudio.Wave;
using RoyaAudio.Loudness;
using RoyaAudio.Stitching;

namespace RoyaAudio.Branding;

/// <summary>
/// A recorded intro or outro (WAV or MP3, any rate, mono or stereo), made ready to join a programme:
/// mono at the programme's rate and as loud as the voice beside it, so one mastering gain suits both.
/// </summary>
public static class BrandFile
{
    /// <summary>A sting, not a programme: anything longer is very likely the wrong file.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(60);

    /// <summary>Why the file cannot be used, or null; read at start-up so a bad setting fails there, not in a render.</summary>
    public static string? Problem(string path)
    {
        if (!File.Exists(path))
        {
            return $"'{path}' does not exist (write a path the service can read, absolute or relative to its working folder)";
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".wav" or ".mp3"))
        {
            return $"'{path}' is neither .wav nor .mp3";
        }

        try
        {
            var (samples, rate) = Decode(path);
            if (samples.Length == 0)
            {
                return $"'{path}' holds no audio";
            }

            if (samples.Length > MaxDuration.TotalSeconds * rate)
            {
                return $"'{path}' lasts {samples.Length / (double)rate:F0} s; an intro or outro may last {MaxDuration.TotalSeconds:F0} s at most";
            }
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return $"'{path}' could not be decoded as {extension[1..].ToUpperInvariant()}: {e.Message}";
        }

        return null;
    }

    /// <summary>
    /// Writes the file as a mono float WAV at <paramref name="sampleRate"/>, its integrated loudness moved to
    /// <paramref name="speechLufs"/> (left as it is when either is unmeasurable).
    /// </summary>
    public static void Prepare(string path, int sampleRate, double speechLufs, string output)
    {
        var (samples, rate) = Decode(path);
        var resampled = SampleReader.ReadAll(
            SampleReader.AtRate(new ArraySampleProvider(samples, rate), sampleRate), (int)((long)samples.Length * sampleRate / rate));
        var meter = new LoudnessMeter(sampleRate);
        meter.Add(resampled);
        var gain = double.IsFinite(meter.IntegratedLufs) && double.IsFinite(speechLufs)
            ? (float)Math.Pow(10, (speechLufs - meter.IntegratedLufs) / 20)
            : 1f;
        var span = resampled.AsSpan();
        for (var i = 0; i < span.Length; i++)
        {
            span[i] *= gain;
        }

        using var writer = new WaveFileWriter(output, WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, 1));
        writer.WriteSamples(resampled.Array!, resampled.Offset, resampled.Count);
    }

    /// <summary>Integrated loudness of clips the engine returned (WAVs of one rate), measured as one.</summary>
    public static double LoudnessOf(IEnumerable<string> wavPaths)
    {
        ArgumentNullException.ThrowIfNull(wavPaths);
        LoudnessMeter? meter = null;
        var buffer = new float[16_384];
        foreach (var path in wavPaths)
        {
            using var reader = new WaveFileReader(path);
            var source = reader.ToSampleProvider();
            meter ??= new LoudnessMeter(source.WaveFormat.SampleRate);
            int read;
            while ((read = source.Read(buffer)) > 0)
            {
                meter.Add(buffer.AsSpan(0, read));
            }
        }

        return meter?.IntegratedLufs ?? double.NegativeInfinity;
    }

    /// <summary>The file's samples mixed down to mono, at its own rate.</summary>
    private static (float[] Samples, int Rate) Decode(string path)
    {
        if (Path.GetExtension(path).Equals(".mp3", StringComparison.OrdinalIgnoreCase))
        {
            using var mpeg = new NLayer.MpegFile(path);
            return (Downmix(ReadAll(buffer => mpeg.ReadSamples(buffer, 0, buffer.Length)), mpeg.Channels), mpeg.SampleRate);
        }

        using var wav = new WaveFileReader(path);
        var provider = wav.ToSampleProvider();
        return (Downmix(ReadAll(buffer => provider.Read(buffer)), provider.WaveFormat.Channels), provider.WaveFormat.SampleRate);
    }

    private static float[] ReadAll(Func<float[], int> read)
    {
        var all = new List<float>();
        var buffer = new float[16_384];
        int count;
        while ((count = read(buffer)) > 0)
        {
            all.AddRange(buffer.AsSpan(0, count));
        }

        return [.. all];
    }

    private static float[] Downmix(float[] interleaved, int channels)
    {
        if (channels <= 1)
        {
            return interleaved;
        }

        var mono = new float[interleaved.Length / channels];
        for (var i = 0; i < mono.Length; i++)
        {
            float sum = 0;
            for (var c = 0; c < channels; c++)
            {
                sum += interleaved[i * channels + c];
            }

            mono[i] = sum / channels;
        }

        return mono;
    }
}
