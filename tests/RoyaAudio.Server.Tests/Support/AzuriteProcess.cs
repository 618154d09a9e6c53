using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RoyaAudio.Server.Tests.Support;

/// <summary>
/// An Azurite blob service of the test's own, on a fixed loopback port and folder, so the test can stop it
/// (a storage outage) and start it again with its blobs where they were.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    public const string Variable = "ROYA_AZURITE_BIN";

    private readonly string _program;
    private readonly string _location = Directory.CreateTempSubdirectory("roya-azurite-own-").FullName;
    private readonly int _port;
    private Process? _process;

    private AzuriteProcess(string program)
    {
        _program = program;
        _port = QuietPort();
    }

    /// <summary>
    /// A free port below the kernel's ephemeral range (32768 and up), so no outgoing connection can take it
    /// while Azurite is halted and the restart finds it free again.
    /// </summary>
    private static int QuietPort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(20000, 32000);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                probe.Stop();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("no free loopback port between 20000 and 32000");
    }

    private string LogPath => Path.Combine(_location, "azurite-process.log");

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{_port}/devstoreaccount1;";

    public static async Task<AzuriteProcess> StartAsync()
    {
        var program = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : throw new InvalidOperationException(
            $"{Variable} is not set, so the storage outage test has no Azurite to start and stop. From the repository root run " +
            "eval \"$(tests/start-azurite.sh)\" (installs Azurite and sets " + Variable + "), then run the tests again.");
        var azurite = new AzuriteProcess(program);
        try
        {
            await azurite.ResumeAsync();
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts Azurite on the same port and folder as before and waits until it listens.</summary>
    public async Task ResumeAsync()
    {
        var start = new ProcessStartInfo(_program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--blobHost", "127.0.0.1", "--blobPort", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", _location, "--skipApiVersionCheck", "--loose" })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {_program}");
        var log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port);
                return;
            }
            catch (SocketException) when (!_process.HasExited)
            {
                await Task.Delay(200);
            }
        }

        throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{_port} within 30 s (exited: {_process.HasExited}); its output is in {LogPath}");
    }

    /// <summary>
    /// SIGTERM, and waits a little for the exit. Azurite saves its blob index on the way out and every 5 s besides; a
    /// shutdown held up by a client's open connections is cut after 6 s, by which time the index is saved anyway.
    /// </summary>
    public async Task HaltAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(6));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Directory.Delete(_location, recursive: true);
    }
}
