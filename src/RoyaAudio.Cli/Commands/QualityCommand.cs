using System.CommandLine;
using System.Text.Json;
using RoyaAudio.Quality;
using RoyaAudio.Rendering;

namespace RoyaAudio.Cli.Commands;

/// <summary><c>roya-audio quality file.mp3 [--manifest file.json]</c>: a rendition measured as listeners get it.</summary>
internal static class QualityCommand
{
    /// <summary>The file was measured and misses a bound: distinct from bad input (2) and our own failure (1).</summary>
    public const int BoundsMissed = 3;

    public static Command Create()
    {
        var mp3 = new Argument<FileInfo>("mp3") { Description = "A rendition's MP3" };
        var manifest = new Option<FileInfo?>("--manifest") { Description = "Its manifest (default: the .json next to it, if any)" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var config = Shared.ConfigOption();
        var command = new Command("quality", "Measure a rendition: loudness, true peak, silences, timing error, duration, bitrate") { mp3, manifest, json, config };
        command.SetAction(parse => CommandRunner.Guard(() =>
        {
            var settings = CliSettings.Load(parse.GetValue(config));
            var file = parse.GetRequiredValue(mp3);
            if (!file.Exists)
            {
                throw new UsageException($"MP3 not found: {file.FullName}");
            }

            var manifestFile = parse.GetValue(manifest)?.FullName ?? Path.ChangeExtension(file.FullName, ".json");
            var report = QualityInspector.Inspect(file.FullName, File.Exists(manifestFile) ? manifestFile : null, settings.Audio);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, RenditionJson.Instance.QualityReport));
            }
            else
            {
                Console.WriteLine($"duration        {report.DurationSeconds:F3} s" + (report.DurationErrorMs is { } e ? $" (manifest {e:+0.0;-0.0} ms)" : ""));
                Console.WriteLine($"loudness        {report.IntegratedLufs:F1} LUFS" + (report.FfmpegLufs is { } l ? $" (ffmpeg {l:F1})" : ""));
                Console.WriteLine($"true peak       {report.TruePeakDbtp:F1} dBTP" + (report.FfmpegTruePeakDbtp is { } p ? $" (ffmpeg {p:F1})" : ""));
                Console.WriteLine($"leading silence {report.LeadingSilenceMs:F0} ms; longest silence {report.LongestSilenceMs:F0} ms");
                if (report.Sentences is { } count)
                {
                    Console.WriteLine($"timings         {count} sentences, error mean {report.MeanTimingErrorMs} ms, max {report.MaxTimingErrorMs} ms");
                }

                Console.WriteLine($"bitrate         {report.BitrateKbps:F1} kbps, {report.BytesPerMinute / 1024:F0} KiB a minute, gapless {(report.Gapless ? "yes" : "no")}");
                foreach (var problem in report.Problems)
                {
                    Console.WriteLine($"PROBLEM: {problem}");
                }
            }

            return Task.FromResult(report.Problems.Count == 0 ? CommandRunner.Success : BoundsMissed);
        }));
        return command;
    }
}
