using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RoyaAudio.Server.Storage;
using RoyaAudio.Server.Tests.Support;
using Xunit.Abstractions;

namespace RoyaAudio.Server.Tests.Operations;

/// <summary>
/// Probes cost nothing per probe: a flood of readiness probes runs each check a few times at most (counted
/// where the work happens: every database command through Npgsql's own activities, every store call through
/// a counting store), starts no process, and liveness touches nothing. A lost database fails readiness only.
/// </summary>
[Collection(ServiceTests.Name)]
public sealed class HealthTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Probes = 500;
    private const int AtOnce = 50;
    private readonly TestPostgres _database = new();
    private readonly CountingStore.Counts _storeCalls = new();
    private TestService _service = null!;
    private HttpClient _http = null!;
    private DatabaseCommands _commands = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        // A web node: no Hangfire worker polls the database, so every command in it during the flood is a probe's.
        _service = new TestService(_database.ConnectionString, new Dictionary<string, string?> { ["Role"] = "web" },
            services => services.AddSingleton<IAudioStore>(provider => new CountingStore(AudioStores.Create(provider), _storeCalls)));
        _http = _service.CreateClient();
        _commands = new DatabaseCommands(new NpgsqlConnectionStringBuilder(_database.ConnectionString).Database!);
    }

    public async Task DisposeAsync()
    {
        _commands.Dispose();
        _http.Dispose();
        await _service.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Five_hundred_concurrent_readiness_probes_cost_a_few_checks_and_start_no_process()
    {
        _commands.Reset();
        _storeCalls.Reset();
        using var children = ChildProcesses.Watch();
        // The watch's own proof that it sees a short-lived child.
        using (var control = Process.Start("sleep", "0.1"))
        {
            await control.WaitForExitAsync();
        }

        var statuses = new int[Probes];
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, Probes), new ParallelOptions { MaxDegreeOfParallelism = AtOnce }, async (n, token) =>
        {
            using var response = await _http.GetAsync("/healthz/ready", token);
            statuses[n] = (int)response.StatusCode;
        });
        var elapsed = clock.Elapsed;
        var started = children.Stop();

        Assert.All(statuses, s => Assert.Equal(200, s));
        // One run per check per 5 s period, plus one for a period that began during the flood.
        var runs = 1 + (int)Math.Ceiling(elapsed.TotalSeconds / 5);
        output.WriteLine($"{Probes} probes ({AtOnce} at a time) in {elapsed.TotalMilliseconds:F0} ms: {_commands.Count} database commands, " +
            $"{_storeCalls.Total} storage calls ({_storeCalls}), processes started: [{string.Join(", ", started)}]");
        Assert.InRange(_commands.Count, 1, runs);
        Assert.InRange(_storeCalls.Reads, 1, runs);
        Assert.Equal(0, _storeCalls.Writes);
        Assert.Contains("sleep", started);
        Assert.DoesNotContain(started, name => name.StartsWith("espeak", StringComparison.Ordinal));

        // The report keeps its shape; the TTS engine was looked at, without a process.
        var report = await _http.GetFromJsonAsync<JsonElement>("/healthz/ready");
        Assert.Equal("healthy", report.GetProperty("status").GetString());
        var tts = report.GetProperty("checks").GetProperty("tts");
        Assert.Equal("espeak", tts.GetProperty("component").GetString());
        Assert.True(tts.GetProperty("healthy").GetBoolean());
        Assert.True(report.GetProperty("checks").GetProperty("storage").GetProperty("elapsedMs").GetInt64() >= 0);
    }

    [Fact]
    public async Task Liveness_touches_nothing()
    {
        _commands.Reset();
        _storeCalls.Reset();
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = AtOnce }, async (_, token) =>
        {
            using var response = await _http.GetAsync("/healthz/live", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        });

        Assert.Equal(0, _commands.Count);
        Assert.Equal(0, _storeCalls.Total);
        var report = await _http.GetFromJsonAsync<JsonElement>("/healthz/live");
        Assert.Equal("healthy", report.GetProperty("status").GetString());
        Assert.Empty(report.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task A_lost_database_makes_the_node_unready_but_it_stays_live()
    {
        using (var before = await _http.GetAsync("/healthz/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await _database.DisposeAsync(); // drops the database under the running service
        await Task.Delay(CachedReadinessPeriod);

        using var ready = await _http.GetAsync("/healthz/ready");
        var report = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("unhealthy", report.GetProperty("status").GetString());
        var database = report.GetProperty("checks").GetProperty("database");
        Assert.False(database.GetProperty("healthy").GetBoolean());
        Assert.Equal("postgresql", database.GetProperty("component").GetString());
        Assert.False(string.IsNullOrEmpty(database.GetProperty("error").GetString()));
        Assert.True(report.GetProperty("checks").GetProperty("storage").GetProperty("healthy").GetBoolean());

        using (var old = await _http.GetAsync("/healthz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, old.StatusCode);
        }

        using var live = await _http.GetAsync("/healthz/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    private static readonly TimeSpan CachedReadinessPeriod = RoyaAudio.Server.Operations.CachedReadiness.Period + TimeSpan.FromMilliseconds(200);

    /// <summary>Every command Npgsql runs against one database, seen through Npgsql's own tracing.</summary>
    private sealed class DatabaseCommands : IDisposable
    {
        private readonly ActivityListener _listener;
        private int _count;

        public DatabaseCommands(string database)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("db.namespace") as string == database)
                    {
                        Interlocked.Increment(ref _count);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>The configured store, with every call counted.</summary>
    private sealed class CountingStore(IAudioStore inner, CountingStore.Counts counts) : IAudioStore
    {
        public string Name => inner.Name;

        public Task PutFileAsync(StorageKey key, string localPath, CancellationToken cancellationToken)
        {
            counts.Write();
            return inner.PutFileAsync(key, localPath, cancellationToken);
        }

        public string? LocalRoot => inner.LocalRoot;

        public Task<string?> ListenerAccessProblemAsync(CancellationToken cancellationToken) => inner.ListenerAccessProblemAsync(cancellationToken);

        public Task<bool> TryDownloadAsync(StorageKey key, string localPath, CancellationToken cancellationToken)
        {
            counts.Read();
            return inner.TryDownloadAsync(key, localPath, cancellationToken);
        }

        public Task DeleteAsync(StorageKey key, CancellationToken cancellationToken)
        {
            counts.Write();
            return inner.DeleteAsync(key, cancellationToken);
        }

        public Uri? PublicUrl(StorageKey key) => inner.PublicUrl(key);

        public Task CheckReadableAsync(CancellationToken cancellationToken)
        {
            counts.Read();
            return inner.CheckReadableAsync(cancellationToken);
        }

        public Task<int> RemoveAbandonedAsync(TimeSpan olderThan, CancellationToken cancellationToken)
        {
            counts.Write();
            return inner.RemoveAbandonedAsync(olderThan, cancellationToken);
        }

        public IAsyncEnumerable<StorageKey> ListAudioAsync(TimeSpan olderThan, CancellationToken cancellationToken)
        {
            counts.Read();
            return inner.ListAudioAsync(olderThan, cancellationToken);
        }

        public sealed class Counts
        {
            private int _reads;
            private int _writes;

            public int Reads => Volatile.Read(ref _reads);

            public int Writes => Volatile.Read(ref _writes);

            public int Total => Reads + Writes;

            public void Read() => Interlocked.Increment(ref _reads);

            public void Write() => Interlocked.Increment(ref _writes);

            public void Reset()
            {
                Interlocked.Exchange(ref _reads, 0);
                Interlocked.Exchange(ref _writes, 0);
            }

            public override string ToString() => $"{Reads} reads, {Writes} writes";
        }
    }

    /// <summary>Names of the processes this test process starts while watched, read from /proc every few milliseconds.</summary>
    private sealed class ChildProcesses : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly HashSet<string> _seen = [];
        private readonly Task _watching;

        private ChildProcesses() => _watching = Task.Run(WatchAsync);

        public static ChildProcesses Watch()
        {
            Assert.True(Directory.Exists("/proc/self/task"), "the process watch reads Linux's /proc");
            return new ChildProcesses();
        }

        public IReadOnlyCollection<string> Stop()
        {
            _stop.Cancel();
            _watching.Wait();
            lock (_seen)
            {
                return [.. _seen];
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }

        private async Task WatchAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
                {
                    foreach (var pid in ReadOrEmpty(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        var name = ReadOrEmpty($"/proc/{pid}/comm").Trim();
                        lock (_seen)
                        {
                            _seen.Add(name.Length > 0 ? name : pid.ToString(CultureInfo.InvariantCulture));
                        }
                    }
                }

                try
                {
                    await Task.Delay(2, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }

        private static string ReadOrEmpty(string path)
        {
            try
            {
                return File.ReadAllText(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return ""; // the thread or the process ended meanwhile
            }
        }
    }
}
