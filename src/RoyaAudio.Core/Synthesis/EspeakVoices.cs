using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using RoyaAudio.Setup;

namespace RoyaAudio.Synthesis;

/// <summary>
/// The espeak-ng voices of a language, as <c>espeak-ng --voices=LANG</c> lists them, asked once per
/// language. MBROLA voices are left out: they need the separate mbrola program and its databases, and
/// without them espeak-ng fails on every sentence.
/// </summary>
internal sealed class EspeakVoices(string executable)
{
    /// <summary>
    /// Per program and language, for the whole process: the installed voices do not change while it runs, and
    /// settings validation, health and the desk all ask.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string[]>>>> Listings = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<VoiceOption>> ForAsync(string language, string defaultVoice)
    {
        var key = executable + "\u001f" + language;
        var listing = Listings.GetOrAdd(key, _ => new(() => ListAsync(language)));
        try
        {
            return Choose(await listing.Value, defaultVoice);
        }
        catch
        {
            // Asked again next time: espeak-ng may be installed by then.
            Listings.TryRemove(new(key, listing));
            throw;
        }
    }

    private async Task<IReadOnlyList<string[]>> ListAsync(string language)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add($"--voices={language}");
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new MissingDependencyException("espeak-ng", "sudo apt-get install -y espeak-ng");
        }
        catch (Win32Exception e)
        {
            throw new MissingDependencyException($"espeak-ng is not installed (no program '{executable}'): run `sudo apt-get install -y espeak-ng`", e);
        }

        using (process)
        using (var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                var errors = process.StandardError.ReadToEndAsync(deadline.Token);
                var listing = await process.StandardOutput.ReadToEndAsync(deadline.Token);
                await process.WaitForExitAsync(deadline.Token);
                var voices = Rows(listing, language);
                // Thrown, so not kept: a broken install must not leave every voice refused until a restart.
                return process.ExitCode == 0 && voices.Count > 0
                    ? voices
                    : throw new MissingDependencyException($"espeak-ng lists no voice for '{language}' (exit {process.ExitCode}: {(await errors).Trim()}); reinstall it: `sudo apt-get install --reinstall -y espeak-ng espeak-ng-data`");
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new MissingDependencyException("espeak-ng did not list its voices within 10 s");
            }
        }
    }

    /// <summary>Rows of "Pty Language Age/Gender VoiceName File Other"; the Language column is what <c>-v</c> takes.</summary>
    private static List<string[]> Rows(string listing, string language)
    {
        var rows = new List<string[]>();
        foreach (var line in listing.Split('\n').Skip(1))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length < 5 || columns[4].StartsWith("mb/", StringComparison.Ordinal))
            {
                continue;
            }

            var name = columns[1];
            if ((name == language || name.StartsWith(language + "-", StringComparison.Ordinal)) && rows.All(r => r[1] != name))
            {
                rows.Add(columns);
            }
        }

        return rows;
    }

    /// <summary>The default first, as the desk offers it; the rest as espeak-ng ranks them.</summary>
    private static List<VoiceOption> Choose(IReadOnlyList<string[]> rows, string defaultVoice) =>
        [.. rows.Select(r => new VoiceOption(r[1], r[3].Replace('_', ' '))).OrderBy(v => v.Name == defaultVoice ? 0 : 1)];
}
