using System.Diagnostics;
using RoyaAudio.Mp3;

namespace RoyaAudio.Tests.Encoding;

public sealed class Mp3EncoderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("roya-mp3-").FullName;

    [Theory]
    [InlineData(24000, 64, 1.0)]
    [InlineData(24000, 64, 7.3)]
    [InlineData(22050, 80, 3.0)]
    [InlineData(16000, 64, 2.0)]
    public void Ffmpeg_decodes_exactly_the_samples_we_encoded_thanks_to_the_lame_tag(int sampleRate, int kbps, double seconds)
    {
        var path = Path.Combine(_directory, "tone.mp3");
        var count = (int)(seconds * sampleRate);
        using (var file = File.Create(path))
        using (var encoder = new Mp3Encoder(file, sampleRate, kbps, quality: 5))
        {
            var samples = new float[count];
            for (var i = 0; i < count; i++)
            {
                samples[i] = 0.5f * MathF.Sin(2 * MathF.PI * 440 * i / sampleRate);
            }

            // Odd chunk sizes, as the mastering loop produces them.
            for (var offset = 0; offset < count; offset += 4099)
            {
                encoder.Encode(samples.AsSpan(offset, Math.Min(4099, count - offset)));
            }

            encoder.Finish();
        }

        var decoded = DecodedSamples(path, sampleRate);
        Assert.InRange(decoded, count - 1, count + 1);
        var bytes = new FileInfo(path).Length;
        Assert.InRange(bytes * 8 / seconds / 1000, kbps * 0.9, kbps * 1.15);
    }

    [Fact]
    public void Tags_are_readable_by_ffprobe()
    {
        var path = Path.Combine(_directory, "tagged.mp3");
        using (var file = File.Create(path))
        using (var encoder = new Mp3Encoder(file, 24000, 64, 5))
        {
            encoder.Encode(new float[24000]);
            encoder.Finish();
        }

        Id3Tagger.Write(path, "عنوان <b>", "Roya News", "ar", "AI note.");
        var tags = Run("ffprobe", "-v", "error", "-show_entries", "format_tags", "-of", "default=nw=1", path);
        Assert.Contains("TAG:title=عنوان <b>", tags, StringComparison.Ordinal);
        Assert.Contains("TAG:artist=Roya News", tags, StringComparison.Ordinal);
        Assert.Contains("TAG:language=ara", tags, StringComparison.Ordinal);
        Assert.Contains("TAG:comment=AI note.", tags, StringComparison.Ordinal);
        Assert.Contains("TAG:AI_DISCLOSURE=AI note.", tags, StringComparison.Ordinal);
        Assert.InRange(DecodedSamples(path, 24000), 23999, 24001);
    }

    private static long DecodedSamples(string path, int sampleRate)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-v", "error", "-i", path, "-f", "s16le", "-ar", sampleRate.ToString(System.Globalization.CultureInfo.InvariantCulture), "-" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var memory = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(memory);
        process.WaitForExit();
        return memory.Length / 2;
    }

    private static string Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
