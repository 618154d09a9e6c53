using System.Buffers.Binary;
using System.Runtime.InteropServices;
using NAudio.Wave;
using RoyaAudio.Stitching;
using NAudio.Wave.SampleProviders;
using RoyaAudio.Mp3;
using RoyaAudio.Synthesis;

namespace RoyaAudio.SpeechServer;

/// <summary>Speaks a request with espeak-ng and encodes it as the services do: 24 kHz mono PCM, WAV or MP3.</summary>
internal sealed class SpeechRenderer(ITtsEngine engine)
{
    public const int SampleRate = 24000;
    private const int Mp3BitrateKbps = 64;
    private const int LameQuality = 5;

    /// <summary>A distinct espeak-ng variant per service voice, so tests can tell voices apart.</summary>
    private static readonly Dictionary<string, string> Variants = new()
    {
        ["alloy"] = "",
        ["ash"] = "+m3",
        ["ballad"] = "+m5",
        ["coral"] = "+f2",
        ["echo"] = "+m2",
        ["fable"] = "+m4",
        ["nova"] = "+f3",
        ["onyx"] = "+m1",
        ["sage"] = "+f4",
        ["shimmer"] = "+f5",
        ["verse"] = "+m6",
    };

    public static string ContentType(string format) => format switch
    {
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "pcm" => "audio/pcm",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a rendered format"),
    };

    /// <summary>"ar" when most letters are Arabic, otherwise English.</summary>
    public static string Language(string text)
    {
        int arabic = 0, other = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            if (IsArabic(c))
            {
                arabic++;
            }
            else
            {
                other++;
            }
        }

        return arabic > other ? "ar" : "en-us";
    }

    public static string EspeakVoice(string text, string voice) =>
        Language(text) + (Variants.TryGetValue(voice, out var variant) ? variant : "");

    public async Task<byte[]> RenderAsync(SpeechFields fields, CancellationToken cancellationToken)
    {
        var text = fields.Input!;
        var voice = EspeakVoice(text, fields.Voice!);
        var speech = await engine.SynthesizeAsync(
            new SpeechRequest(text, Language(text), voice, fields.SpeedOrDefault, fields.Instructions), cancellationToken);
        var samples = Resample(speech);
        return fields.Format switch
        {
            "pcm" => ToPcm16(samples),
            "wav" => ToWav(samples),
            "mp3" => ToMp3(samples),
            _ => throw new ArgumentOutOfRangeException(nameof(fields), fields.Format, "not a rendered format"),
        };
    }

    /// <summary>The 16-bit samples of an answer as a client decodes them: the body itself, or a WAV's data; null for MP3.</summary>
    public static ReadOnlyMemory<byte>? Samples(byte[] answer, string format)
    {
        switch (format)
        {
            case "pcm":
                return answer;
            case "wav":
                using (var reader = new WaveFileReader(new MemoryStream(answer)))
                {
                    var data = new byte[reader.Length];
                    reader.ReadExactly(data);
                    return data;
                }

            default:
                return null;
        }
    }

    private static bool IsArabic(char c) =>
        c is (>= '\u0600' and <= '\u06FF') or (>= '\u0750' and <= '\u077F') or (>= '\u08A0' and <= '\u08FF')
            or (>= '\uFB50' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF');

    private static float[] Resample(SpeechAudio speech)
    {
        var pcm = MemoryMarshal.TryGetArray(speech.Pcm16, out var segment) ? segment : new ArraySegment<byte>(speech.Pcm16.ToArray());
        using var raw = new RawSourceWaveStream(pcm.Array!, pcm.Offset, pcm.Count, new WaveFormat(speech.SampleRate, 16, 1));
        return [.. SampleReader.ReadAll(SampleReader.AtRate(raw.ToSampleProvider(), SampleRate), (int)((long)pcm.Count / 2 * SampleRate / speech.SampleRate))];
    }

    private static byte[] ToPcm16(float[] samples)
    {
        var pcm = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            // The resampler can overshoot full scale slightly; clip rather than wrap.
            var value = (short)Math.Clamp(MathF.Round(samples[i] * 32767f), short.MinValue, short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), value);
        }

        return pcm;
    }

    private static byte[] ToWav(float[] samples)
    {
        var pcm = ToPcm16(samples);
        var output = new MemoryStream();
        using (var writer = new WaveFileWriter(output, new WaveFormat(SampleRate, 16, 1)))
        {
            writer.Write(pcm, 0, pcm.Length);
        }

        return output.ToArray();
    }

    private static byte[] ToMp3(float[] samples)
    {
        using var output = new MemoryStream();
        using (var encoder = new Mp3Encoder(output, SampleRate, Mp3BitrateKbps, LameQuality))
        {
            encoder.Encode(samples);
            encoder.Finish();
        }

        return output.ToArray();
    }
}
