using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RoyaAudio.Stitching;
using RoyaAudio.Loudness;
using RoyaAudio.Rendering;

namespace RoyaAudio.Quality;

/// <summary>
/// Measures a rendition the way a listener receives it: decoded from the MP3 by another decoder,
/// metered for loudness and true peak, scanned for silences, its sentence timings checked against
/// where speech actually resumes, and judged against the bounds the audio settings imply.
/// </summary>
public static partial class QualityInspector
{
    private const double SilenceDbfs = -50;

    public static QualityReport Inspect(string mp3Path, string? manifestPath, AudioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        LoudnessMeter? meter = null;
        SilenceTracker? pauses = null, onsetPauses = null;
        var audio = Mp3Reading.Decode(mp3Path, chunk =>
        {
            meter!.Add(chunk);
            pauses!.Add(chunk);
            onsetPauses!.Add(chunk);
        }, rate =>
        {
            meter = new LoudnessMeter(rate);
            pauses = new SilenceTracker(rate, SilenceDbfs, minimumMs: 100);
            onsetPauses = new SilenceTracker(rate, SilenceDbfs, minimumMs: 50);
        });
        var silences = pauses!.Runs();
        var onsets = onsetPauses!.Runs().Select(s => s.EndMs).Prepend(0).ToList();
        var leading = silences.FirstOrDefault(s => s.StartMs <= 10);
        var bytes = new FileInfo(mp3Path).Length;
        var ffmpeg = FfmpegLoudness(mp3Path);

        RenditionManifest? manifest = manifestPath is null ? null
            : JsonSerializer.Deserialize(File.ReadAllText(manifestPath), RenditionJson.Instance.RenditionManifest);
        var errors = manifest?.Sentences.Select(s => onsets.Min(o => Math.Abs(o - s.StartMs))).ToList();

        var report = new QualityReport
        {
            File = mp3Path,
            DurationSeconds = Math.Round(audio.Seconds, 3),
            ManifestDurationSeconds = manifest?.DurationMs / 1000.0,
            DurationErrorMs = manifest is null ? null : Math.Round(audio.Seconds * 1000 - manifest.DurationMs, 1),
            IntegratedLufs = Math.Round(meter!.IntegratedLufs, 2),
            TruePeakDbtp = Math.Round(meter.TruePeakDbtp, 2),
            FfmpegLufs = ffmpeg?.Lufs,
            FfmpegTruePeakDbtp = ffmpeg?.TruePeak,
            LeadingSilenceMs = leading.EndMs - leading.StartMs,
            LongestSilenceMs = silences.Count == 0 ? 0 : silences.Max(s => s.EndMs - s.StartMs),
            Sentences = manifest?.Sentences.Count,
            MeanTimingErrorMs = errors is { Count: > 0 } ? Math.Round(errors.Average(), 1) : null,
            MaxTimingErrorMs = errors is { Count: > 0 } ? Math.Round(errors.Max(), 1) : null,
            BitrateKbps = Math.Round(bytes * 8 / audio.Seconds / 1000, 1),
            BytesPerMinute = Math.Round(bytes / (audio.Seconds / 60)),
            Gapless = audio.Gapless,
            Problems = [],
        };
        return report with { Problems = Problems(report, manifest, options) };
    }

    private static List<string> Problems(QualityReport r, RenditionManifest? manifest, AudioOptions options)
    {
        var problems = new List<string>();
        if (Math.Abs(r.IntegratedLufs - options.TargetLufs) > 1)
        {
            problems.Add($"loudness {r.IntegratedLufs:F1} LUFS is outside {options.TargetLufs} ± 1");
        }

        if (r.TruePeakDbtp > options.TruePeakDbtp)
        {
            problems.Add($"true peak {r.TruePeakDbtp:F1} dBTP is above {options.TruePeakDbtp}");
        }

        var longestPause = Math.Max(options.TitlePauseMs, Math.Max(options.ParagraphPauseMs, Math.Max(options.SentencePauseMs, options.TailMs)));
        if (r.LongestSilenceMs > longestPause + 150)
        {
            problems.Add($"a silence of {r.LongestSilenceMs} ms is longer than the longest designed pause ({longestPause} ms) + 150 ms");
        }

        if (r.LeadingSilenceMs > 300)
        {
            problems.Add($"{r.LeadingSilenceMs} ms of silence before the first word (at most 300)");
        }

        // Sentences packed into one request are placed from its pauses, a little less exactly.
        var timingBound = manifest is { Units: var units, Sentences.Count: var sentences } && units < sentences ? 150 : 100;
        if (r.MaxTimingErrorMs > timingBound)
        {
            problems.Add($"a sentence start is {r.MaxTimingErrorMs} ms from where speech resumes (at most {timingBound})");
        }

        if (r.DurationErrorMs is { } error && Math.Abs(error) > 50)
        {
            problems.Add($"decoded duration differs from the manifest by {error} ms (at most 50)");
        }

        if (!r.Gapless)
        {
            problems.Add("no LAME tag: players will not know the exact duration and timings shift by the encoder delay");
        }

        return problems;
    }

    private static (double Lufs, double TruePeak)? FfmpegLoudness(string mp3Path)
    {
        try
        {
            var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { "-nostats", "-hide_banner", "-i", mp3Path, "-af", "ebur128=peak=true", "-f", "null", "-" })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEndAsync();
            var log = process.StandardError.ReadToEnd();
            process.WaitForExit();
            var summary = log.LastIndexOf("Summary:", StringComparison.Ordinal);
            if (process.ExitCode != 0 || summary < 0)
            {
                return null;
            }

            var i = Integrated().Match(log, summary);
            var p = Peak().Match(log, summary);
            return i.Success && p.Success
                ? (double.Parse(i.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture))
                : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no ffmpeg: the report stands on our own meter
        }
    }

    [GeneratedRegex(@"I:\s+(-?[\d.]+) LUFS")]
    private static partial Regex Integrated();

    [GeneratedRegex(@"Peak:\s+(-?[\d.]+) dBFS")]
    private static partial Regex Peak();
}
