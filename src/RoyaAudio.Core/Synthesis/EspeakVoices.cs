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
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<VoiceOption>>>> _byLanguage = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<VoiceOption>> ForAsync(string language, string defaultVoice)
    {
        var listing = _byLanguage.GetOrAdd(language, _ => new(() => ListAsync(language, defaultVoice)));
        try
        {
            return await listing.Value;
        }
        catch
        {
            // Asked again next time: espeak-ng may be installed by then.
            _byLanguage.TryRemove(new(language, listing));
            throw;
        }
    }

    private async Task<IReadOnlyList<VoiceOption>> ListAsync(string language, string defaultVoice)
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
        {
            var listing = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return Parse(listing, language, defaultVoice);
        }
    }

    /// <summary>Rows of "Pty Language Age/Gender VoiceName File Other"; the Language column is what <c>-v</c> takes.</summary>
    internal static IReadOnlyList<VoiceOption> Parse(string listing, string language, string defaultVoice)
    {
        var voices = new List<VoiceOption>();
        foreach (var line in listing.Split('\n').Skip(1))
        {
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length < 5 || columns[4].StartsWith("mb/", StringComparison.Ordinal))
            {
                continue;
            }

            var name = columns[1];
            var belongs = name == language || name.StartsWith(language + "-", StringComparison.Ordinal);
            if (belongs && voices.All(v => v.Name != name))
            {
                voices.Add(new VoiceOption(name, columns[3].Replace('_', ' ')));
            }
        }

        // The default first, as the desk offers it; the rest as espeak-ng ranks them.
        return [.. voices.OrderBy(v => v.Name == defaultVoice ? 0 : 1)];
    }
}
