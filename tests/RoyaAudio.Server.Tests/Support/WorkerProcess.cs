using System.Diagnostics;

namespace RoyaAudio.Server.Tests.Support;

/// <summary>
/// A separate worker process (<c>RoyaAudio.Server --role worker</c>), as the service runs in production:
/// it can be started several times and killed with SIGKILL.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process, string log)
    {
        _process = process;
        LogPath = log;
    }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static WorkerProcess Start(IDictionary<string, string> settings, string logPath)
    {
        var server = Path.Combine(AppContext.BaseDirectory, "RoyaAudio.Server.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { server, "--role", "worker", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start a worker process");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process, logPath);
    }

    /// <summary>SIGKILL: no shutdown hooks, no hand-back; the lease and Hangfire's invisibility timeout must recover.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as an orchestrator stops a node: the worker should hand its render back and exit.</summary>
    public bool Terminate(TimeSpan wait)
    {
        Signal("-TERM");
        return _process.WaitForExit(wait);
    }

    /// <summary>SIGSTOP: the process freezes as under a long GC pause, a swapped-out VM or a stopped container.</summary>
    public void Pause() => Signal("-STOP");

    /// <summary>SIGCONT: the frozen process runs on, its timers late and its lease perhaps gone.</summary>
    public void Resume() => Signal("-CONT");

    public int ExitCode => _process.ExitCode;

    public string Log()
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public string LogTail() => string.Join('\n', Log().Split('\n').TakeLast(30));

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
