using System.Diagnostics;
using System.Net;
using System.Text.Json;
using RoyaAudio.SpeechServer;
using System.Text;

namespace RoyaAudio.Tests.Commands;

/// <summary>The CLI against the local speech server over HTTP, with the real Azure OpenAI and OpenAI clients inside.</summary>
public sealed class RemoteEngineCommandTests : IAsyncLifetime
{
    private const string Key = "cli-test-key";
    private readonly string _directory = Directory.CreateTempSubdirectory("roya-cli-remote-").FullName;
    private LocalSpeechServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalSpeechServer.StartAsync(new SpeechServerOptions { ApiKey = Key });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Azure_engine_renders_the_sample_in_packed_requests_and_ffmpeg_agrees_on_the_result()
    {
        var result = await CliProcess.RunWithAsync(string.Empty, new Dictionary<string, string> { ["AZURE_OPENAI_API_KEY"] = Key },
            "render", CliProcess.Sample("roya-putin-iran.json"), "--engine", "azure-openai", "--endpoint", _server.BaseAddress.ToString(),
            "--deployment", "newsroom-tts", "--out", Path.Combine(_directory, "out"), "--cache", Path.Combine(_directory, "cache"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(result.LastLine, ".json"))).RootElement;
        Assert.Equal("azure-openai", manifest.GetProperty("engine").GetString());
        Assert.Equal("alloy", manifest.GetProperty("voice").GetString());

        // One request per paragraph: whole sentences packed, never a paragraph split across requests or two joined.
        var requests = _server.Requests;
        Assert.Equal(manifest.GetProperty("units").GetInt32(), requests.Count);
        Assert.Equal(10, requests.Count); // the title, eight paragraphs and the spoken AI note
        Assert.All(requests, r =>
        {
            Assert.Equal("/openai/deployments/newsroom-tts/audio/speech", r.Path);
            Assert.Equal("api-key", r.AuthHeader);
            Assert.False(string.IsNullOrEmpty(r.ApiVersion));
            Assert.Equal("pcm", r.ResponseFormat);
            Assert.Equal("alloy", r.Voice);
            Assert.False(string.IsNullOrEmpty(r.Instructions)); // gpt-4o-mini-tts takes the newsroom's reading style
        });
        Assert.Contains(requests, r => r.Input!.Contains("Despite these assurances", StringComparison.Ordinal) && r.Input.Contains("Iranian Revolution", StringComparison.Ordinal));
        Assert.Equal(requests.Sum(r => r.Input!.Length), manifest.GetProperty("characters").GetInt32());
        Assert.True(manifest.GetProperty("estimatedCostUsd").GetDouble() > 0);

        var decoded = AudioProbe.DecodedSeconds(result.LastLine);
        Assert.InRange(decoded - manifest.GetProperty("durationMs").GetInt64() / 1000.0, -0.05, 0.05);
        var (lufs, peak) = AudioProbe.Loudness(result.LastLine);
        Assert.InRange(lufs, -17, -15);
        Assert.True(peak <= -1);
    }

    [Fact]
    public async Task OpenAi_engine_sends_bearer_and_no_instructions_to_tts_1()
    {
        var result = await CliProcess.RunWithAsync(string.Empty, new Dictionary<string, string> { ["OPENAI_API_KEY"] = Key },
            "render", CliProcess.Sample("roya-amman-weather-ar.json"), "--engine", "openai", "--endpoint", new Uri(_server.BaseAddress, "v1").ToString(),
            "--model", "tts-1", "--out", Path.Combine(_directory, "out"), "--cache", Path.Combine(_directory, "cache"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(_server.Requests, r =>
        {
            Assert.Equal("/v1/audio/speech", r.Path);
            Assert.Equal("bearer", r.AuthHeader);
            Assert.Equal("tts-1", r.Model);
            Assert.Null(r.Instructions);
        });
    }

    [Fact]
    public async Task A_wrong_key_exits_2_after_one_request_with_the_services_message()
    {
        var result = await CliProcess.RunWithAsync(string.Empty, new Dictionary<string, string> { ["AZURE_OPENAI_API_KEY"] = "wrong" },
            "render", CliProcess.Sample("roya-putin-iran.json"), "--engine", "azure-openai", "--endpoint", _server.BaseAddress.ToString(),
            "--deployment", "tts", "--out", Path.Combine(_directory, "out"), "--cache", Path.Combine(_directory, "cache"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("(401)", result.Stderr, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task A_missing_key_names_the_variable()
    {
        var result = await CliProcess.RunWithAsync(string.Empty, new Dictionary<string, string> { ["AZURE_OPENAI_API_KEY"] = "" },
            "render", CliProcess.Sample("roya-putin-iran.json"), "--engine", "azure-openai", "--endpoint", _server.BaseAddress.ToString(), "--deployment", "tts");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("AZURE_OPENAI_API_KEY", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_render_past_its_deadline_stops_with_a_clear_error()
    {
        _server.Options.Faults.StallShare = 1;
        _server.Options.Faults.StallSeconds = 60;
        var clock = Stopwatch.StartNew();
        var result = await CliProcess.RunWithAsync(string.Empty, new Dictionary<string, string> { ["AZURE_OPENAI_API_KEY"] = Key },
            "render", CliProcess.Sample("roya-putin-iran.json"), "--engine", "azure-openai", "--endpoint", _server.BaseAddress.ToString(),
            "--deployment", "tts", "--deadline", "3", "--out", Path.Combine(_directory, "out"), "--cache", Path.Combine(_directory, "cache"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("did not finish within 3 s", result.Stderr, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.False(Directory.Exists(Path.Combine(_directory, "out")) && Directory.EnumerateFiles(Path.Combine(_directory, "out"), "*.mp3").Any());
    }

    [Fact]
    public async Task A_transcription_deployment_hears_every_unit_and_a_dropped_sentence_is_read_again()
    {
        _server.Options.Content.DropLastSentence = 1;
        var result = await CliProcess.RunWithAsync(string.Empty, new Dictionary<string, string> { ["AZURE_OPENAI_API_KEY"] = Key },
            "render", CliProcess.Sample("roya-putin-iran.json"), "--engine", "azure-openai", "--endpoint", _server.BaseAddress.ToString(),
            "--deployment", "newsroom-tts", "--transcription-deployment", "newsroom-transcribe",
            "--out", Path.Combine(_directory, "out"), "--cache", Path.Combine(_directory, "cache"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("10 checked (10 transcribed, ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("1 mismatched, 1 read again, 0 sentences flagged", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("was not heard", result.Stderr, StringComparison.Ordinal);
        var transcriptions = _server.Requests.Where(r => r.Path.EndsWith("/audio/transcriptions", StringComparison.Ordinal)).ToList();
        Assert.Equal(11, transcriptions.Count); // nine units of the story and the spoken AI note, one of them twice
        Assert.All(transcriptions, r => Assert.Equal("/openai/deployments/newsroom-transcribe/audio/transcriptions", r.Path));
        var verification = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(result.LastLine, ".json"))).RootElement.GetProperty("verification");
        Assert.Equal(1, verification.GetProperty("resynthesised").GetInt32());
        Assert.Equal(0, verification.GetProperty("flagged").GetArrayLength());
    }

    [Fact]
    public async Task A_transcription_model_with_the_local_engine_is_refused_with_what_to_do()
    {
        var result = await CliProcess.RunAsync("render", CliProcess.Sample("roya-putin-iran.json"), "--transcription-model", "whisper-1",
            "--out", Path.Combine(_directory, "out"), "--cache", Path.Combine(_directory, "cache"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("go with a remote engine", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_tts_starts_a_server_that_checks_the_key_and_keeps_its_quota()
    {
        var port = FreePort();
        var start = CliProcess.StartInfo(
            "serve-tts", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--key", "k1", "--quota-per-minute", "6");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        using var process = Process.Start(start)!;
        try
        {
            var address = await process.StandardOutput.ReadLineAsync();
            Assert.Equal($"http://127.0.0.1:{port}/", address);
            using var http = new HttpClient { BaseAddress = new Uri(address!) };
            using var anonymous = await http.PostAsync("v1/audio/speech", new StringContent("{}"));
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

            // 6 a minute is one request in any 10 s: the second at once is refused, with the wait.
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 2; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "v1/audio/speech")
                {
                    Content = new StringContent(
                        "{\"model\":\"tts-1\",\"input\":\"Hi.\",\"voice\":\"alloy\",\"response_format\":\"pcm\"}", Encoding.UTF8, "application/json"),
                };
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "k1");
                using var response = await http.SendAsync(request);
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Assert.InRange(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 10);
                }
            }

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
