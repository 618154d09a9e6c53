using System.Net.Http.Json;
using System.Text.Json;
using RoyaAudio.Server.Tests.Support;
using RoyaAudio.SpeechServer;
using RoyaAudio.Tests;

namespace RoyaAudio.Server.Tests.Jobs;

/// <summary>
/// Scale-out and crash recovery with real processes: a web node in the test, worker processes beside
/// it, one PostgreSQL, and the local OpenAI-compatible speech server as the TTS service.
/// </summary>
[Collection(ServiceTests.Name)]
public sealed class WorkerProcessTests : IAsyncLifetime
{
    private const string SpeechKey = "worker-test-speech-key";
    private readonly TestPostgres _database = new();
    private readonly List<WorkerProcess> _workers = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("roya-workers-").FullName;
    private LocalSpeechServer _speech = null!;
    private TestService _web = null!;
    private HttpClient _http = null!;
    private Cms _cms = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _speech = await LocalSpeechServer.StartAsync(new SpeechServerOptions { ApiKey = SpeechKey });
        // The web node builds the same engine to hash scripts; the key only comes from the environment.
        Environment.SetEnvironmentVariable("OPENAI_API_KEY", SpeechKey);
        _web = new TestService(_database.ConnectionString, new Dictionary<string, string?>(Settings().Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
        {
            ["Role"] = "web",
        });
        _http = _web.CreateClient();
        _cms = new Cms(_http);
        (await _http.GetAsync("/healthz")).Dispose();
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        _http.Dispose();
        await _web.DisposeAsync();
        await _speech.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["ConnectionStrings:Postgres"] = _database.ConnectionString,
        ["Storage:Disk:Path"] = Path.Combine(_directory, "media"),
        ["Tts:Provider"] = "openai",
        ["Tts:OpenAI:Endpoint"] = new Uri(_speech.BaseAddress, "v1").ToString(),
        ["Tts:OpenAI:Model"] = "gpt-4o-mini-tts",
        ["Tts:OpenAI:MaxConcurrency"] = "2",
        ["Tts:OpenAI:RequestsPerMinute"] = "100000",
        ["Tts:OpenAI:RequestTimeoutSeconds"] = "20",
        // The desk lists a voice the service lacks, so a regeneration with it reaches the service and meets its refusal.
        ["Tts:OpenAI:VoiceChoices:en:0"] = "alloy",
        ["Tts:OpenAI:VoiceChoices:en:1"] = "robot",
        ["Jobs:WorkerCount"] = "1",
        ["Jobs:LeaseSeconds"] = "5",
        ["Jobs:InvisibilityTimeoutSeconds"] = "10",
        ["Jobs:QueuePollSeconds"] = "0.2",
        ["OPENAI_API_KEY"] = SpeechKey,
        ["Logging:LogLevel:Default"] = "Information",
    };

    private WorkerProcess StartWorker(string name)
    {
        var settings = Settings();
        settings["Jobs:WorkDirectory"] = Path.Combine(_directory, name);
        var worker = WorkerProcess.Start(settings, Path.Combine(_directory, name + ".log"));
        _workers.Add(worker);
        return worker;
    }

    private string Logs() => string.Join("\n----\n", _workers.Select(w => w.LogTail()));

    [Fact]
    public async Task Two_worker_processes_render_twenty_articles_each_once_and_no_unit_is_synthesised_twice()
    {
        var first = StartWorker("worker-a");
        var second = StartWorker("worker-b");
        _speech.Options.AddedLatencyMs = 150;
        var ids = Enumerable.Range(1, 20).Select(n => $"scale-story-{n:00}").ToList();
        foreach (var id in ids)
        {
            (await _cms.PublishAsync(Cms.Article(id, $"Story {id} for the scale-out run", paragraphs: 2))).EnsureSuccessStatusCode();
        }

        try
        {
            foreach (var id in ids)
            {
                await _cms.WaitForAsync(id, "ready", TimeSpan.FromSeconds(120));
            }
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Logs()}", e);
        }

        var rows = await _database.RowsAsync("SELECT article_id, status, attempts, rendered_by FROM renditions ORDER BY article_id");
        Assert.Equal(20, rows.Count);
        Assert.All(rows, r => Assert.Equal("ready", r[1]));
        Assert.All(rows, r => Assert.Equal(1L, Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(ids, rows.Select(r => (string)r[0]!));
        var processes = rows.Select(r => ((string)r[3]!).Split(':')[1]).Distinct().ToList();
        Assert.Equal(2, processes.Count);
        Assert.Contains(first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), processes);
        Assert.Contains(second.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), processes);

        var answered = _speech.Requests.Where(r => r.Status == 200).ToList();
        Assert.True(answered.Count >= 40, $"{answered.Count} units answered for 20 articles");
        // The spoken AI note is one line shared by every article: each worker may buy it once before the shared cache holds it.
        const string note = "AI technology was used to generate this article's audio.";
        Assert.InRange(answered.Count(r => r.Input == note), 1, 2);
        var twice = answered.Where(r => r.Input != note).GroupBy(r => r.Input).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(twice);
    }

    [Fact]
    public async Task A_worker_killed_mid_render_leaves_the_article_to_another_and_no_listener_gets_a_partial_MP3()
    {
        var doomed = StartWorker("doomed");
        _speech.Options.AddedLatencyMs = 1000;
        (await _cms.PublishAsync(Cms.Article("crash-story", "A story rendered through a crash", paragraphs: 6))).EnsureSuccessStatusCode();

        using var reading = new CancellationTokenSource();
        var fetched = new List<(long Bytes, double DecodedMs, long StatedMs)>();
        var reader = Task.Run(async () =>
        {
            while (!reading.IsCancellationRequested)
            {
                using var response = await _http.GetAsync("/api/articles/crash-story/audio");
                var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
                if (answer.TryGetProperty("audio", out var audio) && audio.ValueKind == JsonValueKind.Object)
                {
                    var bytes = await _http.GetByteArrayAsync(new Uri(audio.GetProperty("url").GetString()!).PathAndQuery);
                    fetched.Add((bytes.Length, AudioProbe.DecodedSeconds(bytes) * 1000, audio.GetProperty("durationMs").GetInt64()));
                }

                await Task.Delay(100);
            }
        });

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await _database.ScalarAsync<string>("SELECT status FROM renditions WHERE article_id='crash-story'") != "rendering" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // Let it pay for a few units first (however loaded the machine), then kill it without warning.
        while (_speech.Requests.Count(r => r.Status == 200) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal("rendering", await _database.ScalarAsync<string>("SELECT status FROM renditions WHERE article_id='crash-story'"));
        doomed.KillHard();
        var unitsBeforeKill = _speech.Requests.Count(r => r.Status == 200);
        var rescuer = StartWorker("rescuer");

        try
        {
            await _cms.WaitForAsync("crash-story", "ready", TimeSpan.FromSeconds(120));
            await Task.Delay(500); // the reader fetches the ready file at least once
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Logs()}", e);
        }
        finally
        {
            await reading.CancelAsync();
            await reader;
        }

        var rows = await _database.RowsAsync("SELECT status, attempts, rendered_by FROM renditions WHERE article_id='crash-story'");
        var row = Assert.Single(rows);
        Assert.Equal("ready", row[0]);
        Assert.Equal(2L, Convert.ToInt64(row[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(rescuer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ((string)row[2]!).Split(':')[1]);

        Assert.NotEmpty(fetched);
        Assert.All(fetched, f => Assert.InRange(f.DecodedMs, f.StatedMs - 50, f.StatedMs + 50));
        // Units the killed worker had stored came from the shared cache; only those in flight at the kill
        // (at most MaxConcurrency) were bought again.
        Assert.True(unitsBeforeKill > 0, "the killed worker had synthesised nothing");
        var boughtTwice = _speech.Requests.Where(r => r.Status == 200).GroupBy(r => r.Input).Count(g => g.Count() > 1);
        Assert.InRange(boughtTwice, 0, 2);
    }

    [Fact]
    public async Task Ten_workers_killed_mid_render_during_thirty_articles_leave_each_ready_once_and_no_listener_a_partial_MP3()
    {
        var live = new List<WorkerProcess> { StartWorker("worker-0"), StartWorker("worker-1") };
        _speech.Options.AddedLatencyMs = 400;
        var ids = Enumerable.Range(1, 30).Select(n => $"chaos-story-{n:00}").ToList();
        foreach (var id in ids)
        {
            (await _cms.PublishAsync(Cms.Article(id, $"Story {id} rendered through ten crashes", paragraphs: 4))).EnsureSuccessStatusCode();
        }

        using var reading = new CancellationTokenSource();
        var heard = new Listening();
        var listener = Task.Run(() => ListenAsync(ids, heard, reading.Token));

        // Kill whichever worker holds a render, wait a moment, start a replacement; ten times.
        var killedRenditions = new List<long>();
        var deadline = DateTime.UtcNow.AddSeconds(150);
        var generation = live.Count;
        while (killedRenditions.Count < 10 && DateTime.UtcNow < deadline)
        {
            var holders = await _database.RowsAsync(
                $"SELECT id, lease_owner FROM renditions WHERE status='rendering' AND lease_until >= {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
            var target = holders
                .Select(h => (Rendition: Convert.ToInt64(h[0], System.Globalization.CultureInfo.InvariantCulture), Owner: (string)h[1]!))
                .Select(h => (h.Rendition, h.Owner, Worker: live.FirstOrDefault(w => h.Owner.Split(':')[1] == w.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))))
                .FirstOrDefault(h => h.Worker is not null);
            if (target.Worker is null)
            {
                await Task.Delay(100);
                continue;
            }

            target.Worker.KillHard();
            live.Remove(target.Worker);
            // A dead worker cannot finish anything: if it still holds the lease, the kill landed mid-render.
            var owner = await _database.ScalarAsync<string>($"SELECT lease_owner FROM renditions WHERE id={target.Rendition} AND status='rendering'");
            if (owner == target.Owner)
            {
                killedRenditions.Add(target.Rendition);
            }

            live.Add(StartWorker($"worker-{generation++}"));
            await Task.Delay(1200);
        }

        try
        {
            Assert.True(killedRenditions.Count == 10, $"only {killedRenditions.Count} workers were killed mid-render before the deadline\n{Logs()}");
            foreach (var id in ids)
            {
                await _cms.WaitForAsync(id, "ready", TimeSpan.FromSeconds(150));
            }

            // The listener goes round every article; let it reach each one's final file.
            var listened = DateTime.UtcNow.AddSeconds(60);
            while (heard.Decoded.Count < ids.Count && DateTime.UtcNow < listened)
            {
                await Task.Delay(100);
            }
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Logs()}", e);
        }
        finally
        {
            await reading.CancelAsync();
        }

        await listener;
        var rows = await _database.RowsAsync(
            "SELECT r.article_id, r.status, r.attempts, r.id, a.current_rendition_id FROM renditions r JOIN articles a ON a.id = r.article_id ORDER BY r.article_id");
        Assert.Equal(ids, rows.Select(r => (string)r[0]!)); // one rendition per article: none queued twice
        Assert.All(rows, r => Assert.Equal("ready", r[1]));
        Assert.All(rows, r => Assert.Equal(Convert.ToInt64(r[3], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(r[4], System.Globalization.CultureInfo.InvariantCulture)));
        var attempts = rows.ToDictionary(r => Convert.ToInt64(r[3], System.Globalization.CultureInfo.InvariantCulture), r => Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(killedRenditions, id => Assert.True(attempts[id] >= 2, $"rendition {id} was killed mid-render yet finished in {attempts[id]} attempt"));

        Assert.Empty(heard.Failures);
        Assert.Equal(ids.Order(StringComparer.Ordinal), heard.Decoded.Keys.Order(StringComparer.Ordinal)); // every article's final URL was fetched and decoded whole
    }

    /// <summary>
    /// A listener polling every article's audio and fetching every MP3 URL it is given: each URL is decoded
    /// once (its duration against the stated one) and every later fetch must be the same bytes.
    /// </summary>
    private async Task ListenAsync(List<string> ids, Listening heard, CancellationToken stop)
    {
        var hashes = new Dictionary<string, string>();
        for (var turn = 0; !stop.IsCancellationRequested; turn++)
        {
            var id = ids[turn % ids.Count];
            using var response = await _http.GetAsync($"/api/articles/{id}/audio", CancellationToken.None);
            var answer = await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
            if (answer.TryGetProperty("audio", out var audio) && audio.ValueKind == JsonValueKind.Object)
            {
                var url = audio.GetProperty("url").GetString()!;
                var bytes = await _http.GetByteArrayAsync(new Uri(url).PathAndQuery, CancellationToken.None);
                var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes));
                if (bytes.Length != audio.GetProperty("bytes").GetInt64())
                {
                    heard.Failures.Enqueue($"{url}: {bytes.Length} bytes, stated {audio.GetProperty("bytes").GetInt64()}");
                }
                else if (hashes.TryGetValue(url, out var first))
                {
                    if (first != hash)
                    {
                        heard.Failures.Enqueue($"{url}: different bytes on a later fetch");
                    }
                }
                else
                {
                    var decodedMs = AudioProbe.DecodedSeconds(bytes) * 1000;
                    var stated = audio.GetProperty("durationMs").GetInt64();
                    if (Math.Abs(decodedMs - stated) > 50)
                    {
                        heard.Failures.Enqueue($"{url}: decodes to {decodedMs:F0} ms, stated {stated} ms");
                    }

                    hashes[url] = hash;
                    heard.Decoded[id] = url;
                }
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }

    /// <summary>What the listener heard, read by the test while the listener runs.</summary>
    private sealed class Listening
    {
        /// <summary>Article id → the last URL decoded for it.</summary>
        public System.Collections.Concurrent.ConcurrentDictionary<string, string> Decoded { get; } = new();

        public System.Collections.Concurrent.ConcurrentQueue<string> Failures { get; } = new();
    }

    [Fact]
    public async Task A_voice_the_speech_service_refuses_fails_the_render_at_once_with_the_services_words()
    {
        StartWorker("refused");
        (await _cms.PublishAsync(Cms.Article("refused-voice-story", "A story read with a voice the service lacks", paragraphs: 1))).EnsureSuccessStatusCode();
        await _cms.WaitForAsync("refused-voice-story", "ready", TimeSpan.FromSeconds(90));
        var editor = new EditorCalls(_http);
        await editor.JsonAsync(HttpMethod.Post, "/api/articles/refused-voice-story/audio/regenerate", new { voice = "robot" }, System.Net.HttpStatusCode.Accepted);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        List<object?[]> rows;
        do
        {
            await Task.Delay(200);
            rows = await _database.RowsAsync("SELECT status, attempts, reason FROM renditions WHERE article_id='refused-voice-story' ORDER BY id");
        }
        while (rows[^1][0] is not ("failed" or "ready") && DateTime.UtcNow < deadline);

        Assert.Equal("failed", rows[^1][0]);
        Assert.Equal(1L, Convert.ToInt64(rows[^1][1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("robot", (string?)rows[^1][2], StringComparison.Ordinal);
        Assert.Equal("ready", rows[0][0]); // listeners keep the last good audio
        Assert.Single(_speech.Requests, r => r.Voice == "robot" && r.Status == 400);
    }

    [Fact]
    public async Task A_worker_stopped_with_SIGTERM_hands_its_render_back_at_once_and_leaves_no_half_written_file()
    {
        var stopping = StartWorker("stopping");
        _speech.Options.AddedLatencyMs = 1000;
        (await _cms.PublishAsync(Cms.Article("shutdown-story", "A story rendered through a shutdown", paragraphs: 6))).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await _database.ScalarAsync<string>("SELECT status FROM renditions WHERE article_id='shutdown-story'") != "rendering" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(1500);
        var stoppedIn = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(stopping.Terminate(TimeSpan.FromSeconds(40)), "the worker did not exit after SIGTERM\n" + Logs());
        stoppedIn.Stop();
        Assert.Equal(0, stopping.ExitCode);
        Assert.True(stoppedIn.Elapsed < TimeSpan.FromSeconds(3), $"the worker took {stoppedIn.Elapsed.TotalSeconds:F1} s to exit after SIGTERM\n{Logs()}");

        // Handed back, not left to a lease that must run out: editors see why.
        var handedBack = await _database.RowsAsync("SELECT status, reason, lease_owner FROM renditions WHERE article_id='shutdown-story'");
        Assert.Equal("retrying", handedBack[0][0]);
        Assert.Contains("shut down", (string?)handedBack[0][1], StringComparison.Ordinal);
        Assert.Null(handedBack[0][2]);
        var scratch = Path.Combine(_directory, "stopping", "renders");
        Assert.True(!Directory.Exists(scratch) || Directory.GetFiles(scratch, "*", SearchOption.AllDirectories).Length == 0, "the stopped worker left files behind");

        StartWorker("next");
        try
        {
            await _cms.WaitForAsync("shutdown-story", "ready", TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Logs()}", e);
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(_directory, "media"), "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_worker_frozen_past_its_lease_notices_when_it_resumes_and_writes_nothing_listeners_see()
    {
        var frozen = StartWorker("frozen");
        _speech.Options.AddedLatencyMs = 1000;
        (await _cms.PublishAsync(Cms.Article("frozen-story", "A story rendered through a frozen worker", paragraphs: 6))).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (_speech.Requests.Count(r => r.Status == 200) < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal("rendering", await _database.ScalarAsync<string>("SELECT status FROM renditions WHERE article_id='frozen-story'"));
        frozen.Pause();
        try
        {
            // Past its five-second lease, another worker takes the article over and finishes it.
            var rescuer = StartWorker("rescuer");
            JsonElement ready;
            try
            {
                ready = await _cms.WaitForAsync("frozen-story", "ready", TimeSpan.FromSeconds(120));
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException($"{e.Message}\n{Logs()}", e);
            }

            var finished = (await _database.RowsAsync("SELECT mp3_key, vtt_key, rendered_by FROM renditions WHERE article_id='frozen-story'")).Single();
            Assert.Equal(rescuer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ((string)finished[2]!).Split(':')[1]);
            var filesWhenReady = MediaFiles("frozen-story");

            frozen.Resume();
            var noticed = DateTime.UtcNow.AddSeconds(60);
            while (!LostItsLease(frozen.Log()))
            {
                Assert.True(DateTime.UtcNow < noticed, $"the resumed worker never noticed it had lost the article\n{Logs()}");
                await Task.Delay(100);
            }

            await Task.Delay(1000);
            var rows = await _database.RowsAsync("SELECT status, mp3_key, vtt_key, rendered_by FROM renditions WHERE article_id='frozen-story'");
            var row = Assert.Single(rows);
            Assert.Equal("ready", row[0]);
            Assert.Equal(finished[0], row[1]);
            Assert.Equal(finished[2], row[3]);
            Assert.Equal(filesWhenReady, MediaFiles("frozen-story"));
            var bytes = await _http.GetByteArrayAsync(new Uri(ready.GetProperty("audio").GetProperty("url").GetString()!).PathAndQuery);
            var stated = ready.GetProperty("audio").GetProperty("durationMs").GetInt64();
            Assert.InRange(AudioProbe.DecodedSeconds(bytes) * 1000, stated - 50, stated + 50);
            Assert.False(frozen.HasExited, "the resumed worker died instead of carrying on");
        }
        finally
        {
            frozen.Resume();
        }

        static bool LostItsLease(string log) => log.Contains("stalled past its lease", StringComparison.Ordinal);
    }

    private string[] MediaFiles(string articleId) =>
        Directory.Exists(Path.Combine(_directory, "media", "audio", articleId))
            ? [.. Directory.GetFiles(Path.Combine(_directory, "media", "audio", articleId)).Select(Path.GetFileName).OfType<string>().Order()]
            : [];

    [Fact]
    public async Task A_worker_killed_between_storing_the_MP3_and_making_it_ready_shows_listeners_nothing_and_the_next_worker_finishes()
    {
        var hold = Path.Combine(_directory, "hold");
        await File.WriteAllTextAsync(hold, "");
        var settings = Settings();
        settings["Jobs:WorkDirectory"] = Path.Combine(_directory, "storing");
        settings["Jobs:TestHoldBeforeReadyFile"] = hold;
        var storing = WorkerProcess.Start(settings, Path.Combine(_directory, "storing.log"));
        _workers.Add(storing);
        (await _cms.PublishAsync(Cms.Article("stored-story", "A story killed while storing", paragraphs: 2))).EnsureSuccessStatusCode();

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!File.Exists(hold + ".held"))
        {
            Assert.True(DateTime.UtcNow < deadline, $"the worker never reached the moment after storing\n{Logs()}");
            await Task.Delay(50);
        }

        // Stored, not yet ready: the files exist, and listeners are told to wait.
        Assert.Equal(2, MediaFiles("stored-story").Length);
        var answer = await _http.GetFromJsonAsync<JsonElement>("/api/articles/stored-story/audio");
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("audio").ValueKind);
        storing.KillHard();
        File.Delete(hold);

        StartWorker("finisher");
        try
        {
            await _cms.WaitForAsync("stored-story", "ready", TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{Logs()}", e);
        }

        var row = (await _database.RowsAsync("SELECT mp3_key, vtt_key, status, attempts FROM renditions WHERE article_id='stored-story'")).Single();
        Assert.Equal("ready", row[2]);
        Assert.Equal(2L, Convert.ToInt64(row[3], System.Globalization.CultureInfo.InvariantCulture));
        // The killed worker's files were the same content under the same names: nothing is left over.
        Assert.Equal(
            new[] { Path.GetFileName((string)row[0]!), Path.GetFileName((string)row[1]!) }.Order(),
            MediaFiles("stored-story"));
        var ready = await _cms.WaitForAsync("stored-story", "ready", TimeSpan.FromSeconds(5));
        var bytes = await _http.GetByteArrayAsync(new Uri(ready.GetProperty("audio").GetProperty("url").GetString()!).PathAndQuery);
        Assert.InRange(AudioProbe.DecodedSeconds(bytes) * 1000, ready.GetProperty("audio").GetProperty("durationMs").GetInt64() - 50, ready.GetProperty("audio").GetProperty("durationMs").GetInt64() + 50);
    }
}
