using System.Diagnostics;

namespace RoyaAudio.Benchmarks.Service;

/// <summary>Decoded length by ffmpeg, a decoder independent of the one that wrote the file: what a listener's player gets.</summary>
internal static class Mp3Probe
{
    /// <summary>ffmpeg honours the LAME tag, so encoder delay and padding are not counted.</summary>
    public static async Task<double> DecodedMillisecondsAsync(string mp3, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-v", "error", "-i", mp3, "-f", "s16le", "-ac", "1", "-ar", "24000", "-" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start ffmpeg");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        var buffer = new byte[81920];
        long bytes = 0;
        int read;
        while ((read = await process.StandardOutput.BaseStream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            bytes += read;
        }

        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0
            ? bytes / 2.0 / 24000 * 1000
            : throw new InvalidOperationException($"ffmpeg could not decode {mp3}: {await errors}");
    }
}
