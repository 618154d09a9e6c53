using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RoyaAudio.Tests;

/// <summary>
/// Measures an MP3 with ffmpeg/ffprobe, a decoder and meter independent of ours: what a listener's
/// player would get is what the tests judge.
/// </summary>
internal static partial class AudioProbe
{
    /// <summary>Decoded length: ffmpeg honours the LAME tag, so encoder delay and padding are removed.</summary>
    public static double DecodedSeconds(string mp3)
    {
        var pcm = RunBytes("ffmpeg", "-v", "error", "-i", mp3, "-f", "s16le", "-ac", "1", "-ar", "24000", "-");
        return pcm.Length / 2.0 / 24000;
    }

    /// <summary>Decoded length of MP3 bytes as a listener fetched them (through a temporary file ffmpeg can seek in).</summary>
    public static double DecodedSeconds(byte[] mp3)
    {
        var file = Path.Combine(Path.GetTempPath(), $"roya-probe-{Guid.NewGuid():N}.mp3");
        File.WriteAllBytes(file, mp3);
        try
        {
            return DecodedSeconds(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static (double IntegratedLufs, double TruePeakDbtp) Loudness(string mp3)
    {
        var log = Run("ffmpeg", "-nostats", "-hide_banner", "-i", mp3, "-af", "ebur128=peak=true", "-f", "null", "-").Stderr;
        var summary = log[log.LastIndexOf("Summary:", StringComparison.Ordinal)..];
        return (Number(IntegratedLine().Match(summary)), Number(PeakLine().Match(summary)));
    }

    /// <summary>Integrated loudness of the stretch [<paramref name="from"/>, <paramref name="to"/>) seconds of the decoded file.</summary>
    public static double LoudnessBetween(string mp3, double from, double to)
    {
        var log = Run("ffmpeg", "-nostats", "-hide_banner", "-i", mp3, "-ss", from.ToString("F3", CultureInfo.InvariantCulture),
            "-to", to.ToString("F3", CultureInfo.InvariantCulture), "-af", "ebur128", "-f", "null", "-").Stderr;
        return Number(IntegratedLine().Match(log[log.LastIndexOf("Summary:", StringComparison.Ordinal)..]));
    }

    /// <summary>Writes a test recording with ffmpeg's own generator and encoders: a chord, stereo, at the given rate and level.</summary>
    public static void Chord(string path, double seconds, int sampleRate, double volumeDb) =>
        Run("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", FormattableString.Invariant($"sine=frequency=330:duration={seconds}:sample_rate={sampleRate}"),
            "-f", "lavfi", "-i", FormattableString.Invariant($"sine=frequency=495:duration={seconds}:sample_rate={sampleRate}"),
            "-filter_complex", FormattableString.Invariant($"[0][1]amerge=inputs=2,volume={volumeDb}dB"), "-ac", "2", path);

    /// <summary>The ID3 chapters (CHAP frames) as ffprobe reads them: start and end in seconds, and title.</summary>
    public static List<(double Start, double End, string Title)> Chapters(string mp3)
    {
        var json = Run("ffprobe", "-v", "error", "-show_chapters", "-of", "json", mp3).Stdout;
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("chapters").EnumerateArray().Select(c => (
            double.Parse(c.GetProperty("start_time").GetString()!, CultureInfo.InvariantCulture),
            double.Parse(c.GetProperty("end_time").GetString()!, CultureInfo.InvariantCulture),
            c.TryGetProperty("tags", out var tags) && tags.TryGetProperty("title", out var title) ? title.GetString() ?? "" : ""))];
    }

    /// <summary>Silent stretches (start, end) in seconds below <paramref name="noiseDb"/> lasting at least <paramref name="minSeconds"/>.</summary>
    public static List<(double Start, double End)> Silences(string mp3, double noiseDb = -50, double minSeconds = 0.1)
    {
        var log = Run("ffmpeg", "-nostats", "-hide_banner", "-i", mp3, "-af",
            FormattableString.Invariant($"silencedetect=n={noiseDb}dB:d={minSeconds}"), "-f", "null", "-").Stderr;
        var silences = new List<(double, double)>();
        double? start = null;
        foreach (Match match in SilenceEvent().Matches(log))
        {
            var value = double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            if (match.Groups[1].Value == "start")
            {
                start = value;
            }
            else if (start is not null)
            {
                silences.Add((start.Value, value));
                start = null;
            }
        }

        if (start is not null)
        {
            silences.Add((start.Value, DecodedSeconds(mp3)));
        }

        return silences;
    }

    public static Dictionary<string, string> Tags(string mp3)
    {
        var json = Run("ffprobe", "-v", "error", "-show_entries", "format_tags:stream=codec_name,sample_rate,channels,bit_rate", "-of", "json", mp3).Stdout;
        using var document = JsonDocument.Parse(json);
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (document.RootElement.GetProperty("format").TryGetProperty("tags", out var format))
        {
            foreach (var tag in format.EnumerateObject())
            {
                tags[tag.Name] = tag.Value.GetString() ?? string.Empty;
            }
        }

        var stream = document.RootElement.GetProperty("streams")[0];
        foreach (var field in stream.EnumerateObject())
        {
            tags["stream." + field.Name] = field.Value.ToString();
        }

        return tags;
    }

    private static double Number(Match match)
    {
        Assert.True(match.Success, "ffmpeg printed no ebur128 summary");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static (string Stdout, string Stderr) Run(string program, params string[] args)
    {
        using var process = Start(program, args);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {stderr.Result}");
        return (stdout, stderr.Result);
    }

    private static byte[] RunBytes(string program, params string[] args)
    {
        using var process = Start(program, args);
        var stderr = process.StandardError.ReadToEndAsync();
        using var memory = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(memory);
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} failed: {stderr.Result}");
        return memory.ToArray();
    }

    private static Process Start(string program, string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is needed to measure audio: run tests/run.sh, which installs ffmpeg", e);
        }
    }

    [GeneratedRegex(@"I:\s+(-?[\d.]+) LUFS")]
    private static partial Regex IntegratedLine();

    [GeneratedRegex(@"True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS")]
    private static partial Regex PeakLine();

    [GeneratedRegex(@"silence_(start|end): (-?[\d.]+)")]
    private static partial Regex SilenceEvent();
}
