using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using NAudio.Wave;
using RoyaAudio.Loudness;
using Xunit.Abstractions;
using static RoyaAudio.Tests.Loudness.LoudnessSignals;

namespace RoyaAudio.Tests.Loudness;

/// <summary>Compares the meter and the limiter with ffmpeg's independent EBU R128 meter.</summary>
public sealed partial class FfmpegCrossCheckTests(ITestOutputHelper output)
{
    private const string Ffmpeg = "/usr/bin/ffmpeg";

    [Theory]
    [InlineData(24000, 1)]
    [InlineData(22050, 2)]
    [InlineData(48000, 3)]
    public void Meter_agrees_with_ffmpeg_ebur128(int sampleRate, int seed)
    {
        float[] signal = Scale(SpeechLike(sampleRate, 30.0, seed), 0.9);
        var meter = Measure(signal, sampleRate);

        var (integrated, truePeak) = MeasureWithFfmpeg(signal, sampleRate);
        output.WriteLine($"meter {meter.IntegratedLufs:F3} LUFS {meter.TruePeakDbtp:F3} dBTP; ffmpeg {integrated} LUFS {truePeak} dBTP");

        // ffmpeg prints one decimal and reconstructs differently (it resamples to 192 kHz), while
        // the Annex 2 interpolator ripples by about ±0.1 dB in the passband.
        Assert.InRange(meter.IntegratedLufs, integrated - 0.2, integrated + 0.2);
        Assert.InRange(meter.TruePeakDbtp, truePeak - 0.3, truePeak + 0.3);
    }

    [Fact]
    public void Limited_output_stays_under_the_ceiling_by_ffmpeg()
    {
        const int rate = 24000;
        const double ceiling = -2.0;
        float[] signal = SpeechLike(rate, 30.0, seed: 4);
        var limiter = new TruePeakLimiter(new ArraySampleProvider(signal, rate), gainDb: 6.0, ceilingDbtp: ceiling);
        float[] limited = ReadAll(limiter, 4096);

        var (_, truePeak) = MeasureWithFfmpeg(limited, rate);
        output.WriteLine($"ffmpeg {truePeak} dBTP, meter {Measure(limited, rate).TruePeakDbtp:F3} dBTP");

        // ffmpeg prints one decimal (0.05 dB); the limiter's detector points are a sixteenth of a
        // sample apart, which for content under 4 kHz at 24 kHz misses a crest by under 0.01 dB.
        Assert.True(truePeak <= ceiling + 0.1, $"ffmpeg reads {truePeak} dBTP");
    }

    private static (double IntegratedLufs, double TruePeakDbtp) MeasureWithFfmpeg(float[] signal, int sampleRate)
    {
        Assert.True(File.Exists(Ffmpeg), $"{Ffmpeg} is missing: install ffmpeg (e.g. apt-get install ffmpeg) to run the loudness cross-check.");

        string path = Path.Combine(Path.GetTempPath(), $"roya-loudness-{Guid.NewGuid():N}.wav");
        try
        {
            using (var writer = new WaveFileWriter(path, WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, 1)))
            {
                writer.WriteSamples(signal, 0, signal.Length);
            }

            var start = new ProcessStartInfo(Ffmpeg)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (string arg in new[] { "-nostdin", "-hide_banner", "-nostats", "-i", path, "-af", "ebur128=peak=true", "-f", "null", "-" })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(60_000), "ffmpeg did not finish");
            _ = stdout.Result;
            Assert.True(process.ExitCode == 0, $"ffmpeg failed:\n{stderr}");

            // The per-frame lines also carry "I:"; only the summary at the end is wanted.
            int summary = stderr.LastIndexOf("Summary:", StringComparison.Ordinal);
            Assert.True(summary >= 0, $"no summary in ffmpeg output:\n{stderr}");
            string tail = stderr[summary..];
            return (Parse(IntegratedLine().Match(tail)), Parse(PeakLine().Match(tail)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static double Parse(Match match)
    {
        Assert.True(match.Success, "ffmpeg summary not understood");
        string value = match.Groups[1].Value;
        return value == "-inf" ? double.NegativeInfinity : double.Parse(value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"I:\s+(-inf|-?\d+(?:\.\d+)?) LUFS")]
    private static partial Regex IntegratedLine();

    [GeneratedRegex(@"Peak:\s+(-inf|-?\d+(?:\.\d+)?) dBFS")]
    private static partial Regex PeakLine();
}
