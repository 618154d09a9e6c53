using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RoyaAudio.Benchmarks.Service;

/// <summary>
/// One RoyaAudio.Server process (<c>--role all|web|worker</c>) on a free loopback port, configured the way
/// operators do it: settings as environment variables (<c>Section__Key</c>). Output goes to a log file.
/// </summary>
internal sealed class ServiceNode : IAsyncDisposable
{
    private static readonly Lock RunningLock = new();
    private static readonly List<Process> Running = [];

    private readonly Process _process;
    private readonly StreamWriter _log;
    private bool _closed;

    private ServiceNode(Process process, StreamWriter log, string logPath, Uri baseAddress)
    {
        _process = process;
        _log = log;
        LogPath = logPath;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string LogPath { get; }

    /// <summary>CPU the node (and the programs it ran) has used so far, to tell its cost from the machine's other load.</summary>
    public TimeSpan CpuTime => Bench.ProcessCpu(_process.Id);

    /// <summary>The server built beside this program (same configuration), or ROYA_SERVER_DLL.</summary>
    public static string ServerDll()
    {
        if (Environment.GetEnvironmentVariable("ROYA_SERVER_DLL") is { Length: > 0 } given)
        {
            return given;
        }

        // This program runs from tests/RoyaAudio.Benchmarks/bin/{Configuration}/{tfm}/.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = RepositoryRoot();
        var dll = Path.Combine(root, "src", "RoyaAudio.Server", "bin", output.Parent!.Name, output.Name, "RoyaAudio.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: build tests/RoyaAudio.Benchmarks (it builds the server too)");
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RoyaAudio.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"RoyaAudio.sln not found above {AppContext.BaseDirectory}");
    }

    /// <summary>What every node of one run shares: the database, the media folder (and with it the unit cache), the callers' keys.</summary>
    public static Dictionary<string, string> Settings(BenchDatabase database, string directory)
    {
        var settings = Newsroom.SecuritySettings();
        settings["ConnectionStrings:Postgres"] = database.ConnectionString;
        settings["Storage:Disk:Path"] = Path.Combine(directory, "media");
        // Idle workers look for jobs five times a second rather than once, so pick-up delay does not pad the timings.
        settings["Jobs:QueuePollSeconds"] = "0.2";
        return settings;
    }

    /// <summary>Renders through the local OpenAI-compatible speech server; the key reaches the node only through its environment.</summary>
    public static void UseSpeechServer(Dictionary<string, string> settings, Uri speechServer, string key)
    {
        settings["Tts:Provider"] = "openai";
        settings["Tts:OpenAI:Endpoint"] = new Uri(speechServer, "v1").ToString();
        settings["Tts:OpenAI:RequestsPerMinute"] = "100000";
        settings["OPENAI_API_KEY"] = key;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the node and waits until <c>/healthz</c> answers 200.</summary>
    /// <param name="serverDll">Another build of the server (an earlier release, for a before/after figure); by default <see cref="ServerDll"/>.</param>
    public static async Task<ServiceNode> StartAsync(
        string role, IReadOnlyDictionary<string, string> settings, string logPath, CancellationToken cancellationToken, string? serverDll = null)
    {
        var dll = serverDll ?? ServerDll();
        var port = FreePort();
        // The working directory is the server's folder, so its appsettings.json (log format, levels) applies as deployed.
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var arg in new[] { dll, "--role", role, "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet RoyaAudio.Server.dll");
        lock (RunningLock)
        {
            Running.Add(process);
        }

        var node = new ServiceNode(process, new StreamWriter(logPath, append: true) { AutoFlush = true }, logPath, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => node.Write(e.Data);
        process.ErrorDataReceived += (_, e) => node.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node.WaitHealthyAsync(TimeSpan.FromSeconds(90), cancellationToken);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills every node still running: a benchmark that fails or is interrupted leaves no server behind.</summary>
    public static void KillAll()
    {
        lock (RunningLock)
        {
            foreach (var process in Running)
            {
                try
                {
                    if (!process.HasExited)
                    {
                        process.Kill(entireProcessTree: true);
                    }
                }
                catch (InvalidOperationException)
                {
                    // Already gone.
                }
            }
        }
    }

    public string LogTail(int lines = 30)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        lock (RunningLock)
        {
            Running.Remove(_process);
        }

        _process.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Write(string? line)
    {
        lock (_log)
        {
            // Lines can still arrive while the process is being killed.
            if (line is not null && !_closed)
            {
                _log.WriteLine(line);
            }
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {_process.ExitCode} while starting:\n{LogTail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"the server on {BaseAddress} was not healthy within {timeout.TotalSeconds:F0} s ({last}):\n{LogTail()}");
    }
}
