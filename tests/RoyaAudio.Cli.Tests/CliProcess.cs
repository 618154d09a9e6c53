using System.Diagnostics;

namespace RoyaAudio.Tests;

/// <summary>Runs the built <c>roya-audio</c> exactly as a user would, capturing exit code and both streams.</summary>
internal static class CliProcess
{
    /// <summary>
    /// Names the published native executable to test instead of the managed build next to the tests
    /// (tests/run.sh sets it after publishing); unset or empty, the tests run <c>dotnet roya-audio.dll</c>.
    /// </summary>
    public const string NativeVariable = "ROYA_AUDIO_CLI";

    /// <summary>The native executable under test, or null for the managed build.</summary>
    public static string? Native => Environment.GetEnvironmentVariable(NativeVariable) is { Length: > 0 } path ? path : null;

    /// <summary>How to start the CLI with <paramref name="args"/>: the native executable when named, else the managed DLL.</summary>
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var native = Native;
        var start = new ProcessStartInfo(native ?? "dotnet") { UseShellExecute = false };
        if (native is null)
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "roya-audio.dll"));
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    public static string Sample(string name) => Path.Combine(AppContext.BaseDirectory, "Samples", name);

    public static async Task<CliResult> RunWithAsync(string stdin, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = StartInfo(args);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    public static Task<CliResult> RunAsync(params string[] args) => RunWithAsync(string.Empty, null, args);
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public string LastLine => Stdout.TrimEnd().Split('\n')[^1].Trim();

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
