using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using RoyaAudio.Editions;
using RoyaAudio.Setup;

namespace RoyaAudio.Synthesis;

/// <summary>
/// The local engine: the espeak-ng program, one process per unit. Processes rather than the library
/// because libespeak-ng keeps global state (one synthesis per process); separate processes use every core.
/// </summary>
public sealed class EspeakEngine : ITtsEngine
{
    private readonly EspeakOptions _options;

    private readonly Lazy<string?> _executablePath;
    private readonly EspeakVoices _voices;

    public EspeakEngine(EspeakOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _executablePath = new(() => FindProgram(options.Executable));
        _voices = new EspeakVoices(options.Executable);
    }

    public string Name => "espeak";

    public string Model => "espeak-ng";

    public int MaxConcurrency => _options.MaxConcurrency ?? Environment.ProcessorCount;

    public UnitPacking Packing => UnitPacking.OneSentencePerUnit;

    public double PricePerMillionCharacters => 0;

    public bool IsLocal => true;

    public string? MissingPrerequisite => ExecutablePath is null
        ? $"espeak-ng is not installed (the program is not on the PATH): run `{InstallCommand}`"
        : null;

    public string Condition => Name;

    public string? Instructions(string language) => null;

    public string DefaultVoice(string language) =>
        _options.Voices.TryGetValue(language, out var voice) ? voice : language;

    public Task<IReadOnlyList<VoiceOption>> VoicesAsync(string language, CancellationToken cancellationToken) =>
        _voices.ForAsync(language, DefaultVoice(language));

    public async Task<SpeechAudio> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var span = SpeechTelemetry.StartSpeaking(Name, request.Text.Length);
        var started = Stopwatch.GetTimestamp();
        var status = "failed";
        try
        {
            var audio = await SpeakAsync(request, cancellationToken);
            status = "ok";
            SpeechTelemetry.RecordSpoken(Name, request.Text.Length);
            return audio;
        }
        catch (Exception e)
        {
            status = e switch
            {
                OperationCanceledException when cancellationToken.IsCancellationRequested => "cancelled",
                MissingDependencyException => "missing",
                Articles.ArticleInputException => "unknown_voice",
                _ => status,
            };
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            SpeechTelemetry.RecordRequest(Name, status, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>The program on the PATH (or at the configured path), looked up once; null when it is not there. Starts nothing.</summary>
    public string? ExecutablePath => _executablePath.Value;

    private async Task<SpeechAudio> SpeakAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_options.Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add("-v");
        start.ArgumentList.Add(request.Voice);
        start.ArgumentList.Add("-s");
        start.ArgumentList.Add(((int)Math.Round(_options.WordsPerMinute * request.Speed)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add("-b");
        start.ArgumentList.Add("1"); // the text on stdin is UTF-8
        // All of stdin as one text: without it espeak-ng reads 999-byte lines, cutting a long sentence (a few hundred
        // Arabic letters) inside a word, with a sentence's pause there.
        start.ArgumentList.Add("--stdin");
        start.ArgumentList.Add("--stdout");

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new MissingDependencyException("espeak-ng", InstallCommand);
        }
        catch (Win32Exception e)
        {
            throw new MissingDependencyException($"espeak-ng is not installed (no program '{_options.Executable}'): run `{InstallCommand}`", e);
        }

        using (process)
        using (cancellationToken.Register(() => Kill(process)))
        {
            // Text goes through stdin so nothing in an article can be taken for an option.
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var stdout = new MemoryStream();
            var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout, cancellationToken);
            try
            {
                await process.StandardInput.WriteAsync(request.Text.AsMemory(), cancellationToken);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // espeak-ng quit before reading its text (an unknown voice): its exit code and stderr say why.
            }

            await copy;
            await process.WaitForExitAsync(cancellationToken);
            var errors = await stderr;
            if (process.ExitCode != 0 && errors.Contains("voice does not exist", StringComparison.OrdinalIgnoreCase))
            {
                // Not an outage: no retry will make the voice appear, so the render fails at once with the reason.
                throw new Articles.ArticleInputException($"'{request.Voice}' is not an espeak-ng voice (espeak-ng --voices lists them)");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"espeak-ng failed (exit {process.ExitCode}) for voice '{request.Voice}': {errors.Trim()}");
            }

            return ParseWave(stdout.GetBuffer().AsMemory(0, (int)stdout.Length), request.Voice);
        }
    }

    private const string InstallCommand = "sudo apt-get install -y espeak-ng";

    /// <summary>Where the system would find the program: a path as given, else the first PATH folder holding it.</summary>
    internal static string? FindProgram(string program)
    {
        if (program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(program) ? Path.GetFullPath(program) : null;
        }

        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var names = OperatingSystem.IsWindows() ? [program, program + ".exe"] : new[] { program };
        return folders.SelectMany(folder => names.Select(name => Path.Combine(folder, name))).FirstOrDefault(File.Exists);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>espeak-ng writes a streaming WAV header (sizes unknown), so the data chunk runs to the end of the output.</summary>
    internal static SpeechAudio ParseWave(ReadOnlyMemory<byte> wave, string voice)
    {
        var bytes = wave.Span;
        if (bytes.Length < 44 || !bytes[..4].SequenceEqual("RIFF"u8) || !bytes.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new InvalidOperationException($"espeak-ng returned no audio for voice '{voice}' (is the voice installed? see `espeak-ng --voices`)");
        }

        var position = 12;
        var sampleRate = 0;
        while (position + 8 <= bytes.Length)
        {
            var id = bytes.Slice(position, 4);
            var size = BitConverter.ToInt32(bytes.Slice(position + 4, 4));
            if (id.SequenceEqual("fmt "u8))
            {
                var channels = BitConverter.ToInt16(bytes.Slice(position + 10, 2));
                sampleRate = BitConverter.ToInt32(bytes.Slice(position + 12, 4));
                var bits = BitConverter.ToInt16(bytes.Slice(position + 22, 2));
                if (channels != 1 || bits != 16)
                {
                    throw new InvalidOperationException($"espeak-ng returned {channels} channels of {bits}-bit audio; expected mono 16-bit");
                }
            }
            else if (id.SequenceEqual("data"u8))
            {
                var data = wave[(position + 8)..];
                return new SpeechAudio(sampleRate, data[..(data.Length & ~1)]);
            }

            position += 8 + size + (size & 1);
        }

        throw new InvalidOperationException("espeak-ng output has no data chunk");
    }
}

public sealed class EspeakOptions
{
    public EspeakOptions()
        : this(EditionRegistry.Default)
    {
    }

    /// <summary>Options whose voices start as <paramref name="editions"/> choose them.</summary>
    public EspeakOptions(EditionRegistry editions)
    {
        ArgumentNullException.ThrowIfNull(editions);
        Voices = editions.All.ToDictionary(edition => edition.Code, edition => edition.Voices.Espeak);
    }

    public string Executable { get; set; } = "espeak-ng";

    /// <summary>espeak-ng voice per article language; `espeak-ng --voices` lists them.</summary>
    public Dictionary<string, string> Voices { get; set; }

    /// <summary>Speaking rate at speed 1.0. espeak-ng's own default, 175, is brisk for news; 165 reads calmer.</summary>
    public int WordsPerMinute { get; set; } = 165;

    public int? MaxConcurrency { get; set; }
}
