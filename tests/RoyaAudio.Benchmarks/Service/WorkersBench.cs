using System.Diagnostics;
using System.Globalization;
using RoyaAudio.SpeechServer;

namespace RoyaAudio.Benchmarks.Service;

/// <summary>
/// workers: TTS-bound throughput of one and then two worker processes (role worker, one render each)
/// beside a web node (role web) on one PostgreSQL, against the local speech server with added latency.
/// Each run has a fresh database and media folder, so no unit comes from the previous run's cache.
/// </summary>
internal static class WorkersBench
{
    private const string SpeechKey = "bench-speech-key";

    public static async Task<int> RunAsync(string work, CancellationToken cancellationToken)
    {
        var articles = Bench.Knob("WORKERS_ARTICLES", 30);
        var paragraphs = Bench.Knob("WORKERS_PARAGRAPHS", 4);
        var latency = Bench.Knob("WORKERS_LATENCY_MS", 300);
        var reuse = Bench.Knob("WORKERS_REUSE_ANSWERS", 1) == 1;
        await using var speech = await LocalSpeechServer.StartAsync(
            new SpeechServerOptions { ApiKey = SpeechKey, AddedLatencyMs = latency, ReuseAnswers = reuse }, ct: cancellationToken);
        if (reuse)
        {
            // A priming run renders every answer once; the timed runs then cost the speech server almost no CPU,
            // as a remote provider's would, and the added latency stands for its speaking time.
            await RunOnceAsync(Path.Combine(work, "workers-priming"), 2, articles, paragraphs, speech, cancellationToken);
        }

        var runs = new List<Run>();
        foreach (var workers in new[] { 1, 2 })
        {
            speech.ClearRequests();
            runs.Add(await RunOnceAsync(Path.Combine(work, $"workers-{workers}"), workers, articles, paragraphs, speech, cancellationToken));
        }

        var baseline = runs[0].PerMinute;
        Bench.Out.WriteLine();
        var table = new MarkdownTable("workers", "articles", "wall s", "articles/min", "vs 1 worker", "speech requests/article", "renders per worker", "median render s", "idle s/worker",
            "CPU s/article: workers", "web", "speech server", "PostgreSQL", "other work, cores");
        foreach (var run in runs)
        {
            var cpu = run.Cpu;
            table.Add(run.Workers.ToString(CultureInfo.InvariantCulture), articles.ToString(CultureInfo.InvariantCulture), Bench.Fixed(run.WallSeconds, 1),
                Bench.Fixed(run.PerMinute, 1), Bench.Fixed(run.PerMinute / baseline) + "×", Bench.Fixed((double)run.Requests / articles), run.Split, Bench.Fixed(run.RenderSeconds), Bench.Fixed(run.IdleSeconds, 1),
                PerArticle(cpu.Workers), PerArticle(cpu.Web), PerArticle(cpu.Speech), PerArticle(cpu.Database), Bench.Fixed(run.OtherCores));
        }

        table.Print();
        var ratio = runs[1].PerMinute / baseline;
        Bench.Out.WriteLine();
        Bench.Out.WriteLine($"two workers / one = {Bench.Fixed(ratio)}× (target ≥ 1.80×: {Bench.Met(ratio >= 1.8)}). Wall time: first publish to the last rendition ready. " +
            $"{articles} articles of {paragraphs} paragraphs, speech server in the benchmark process with {latency} ms added per answer, " +
            $"Tts__OpenAI__MaxConcurrency=2 and Jobs__WorkerCount=1 per worker, a role-web node in front; {Bench.Machine()}. " +
            (reuse
                ? "The speech server answered from the answers of a priming run (the same texts), so its CPU stays out of the cores the workers share; WORKERS_REUSE_ANSWERS=0 renders every answer with espeak-ng on the same cores. "
                : "The speech server rendered every answer with espeak-ng on the same cores, CPU that would be the TTS provider's elsewhere. ") +
            "'other work' is CPU used meanwhile by processes outside the run.");
        return 0;

        string PerArticle(TimeSpan cpu) => Bench.Fixed(cpu.TotalSeconds / articles);
    }

    private static async Task<Run> RunOnceAsync(string directory, int workers, int articles, int paragraphs, LocalSpeechServer speech, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await using var database = await BenchDatabase.CreateAsync(cancellationToken);
        var settings = ServiceNode.Settings(database, directory);
        ServiceNode.UseSpeechServer(settings, speech.BaseAddress, SpeechKey);
        settings["Tts:OpenAI:MaxConcurrency"] = "2";
        settings["Jobs:WorkerCount"] = "1";

        Bench.Note($"{workers} worker(s): starting a web node and the workers");
        var nodes = new List<ServiceNode>();
        try
        {
            // The web node migrates the schema first, so the workers start against ready tables.
            nodes.Add(await ServiceNode.StartAsync("web", settings, Path.Combine(directory, "web.log"), cancellationToken));
            for (var i = 1; i <= workers; i++)
            {
                var own = new Dictionary<string, string>(settings) { ["Jobs:WorkDirectory"] = Path.Combine(directory, $"worker-{i}") };
                nodes.Add(await ServiceNode.StartAsync("worker", own, Path.Combine(directory, $"worker-{i}.log"), cancellationToken));
            }

            using var http = new HttpClient { BaseAddress = nodes[0].BaseAddress };
            var newsroom = new Newsroom(http);
            var bodies = Enumerable.Range(1, articles).Select(n => Newsroom.Article($"{Path.GetFileName(directory)}-story-{n:00}", paragraphs, story: $"story-{n:00}")).ToList();
            Bench.Note($"{workers} worker(s): publishing {articles} articles");
            var (cpuBefore, machineBefore, clock) = (CpuShare.Of(nodes), Bench.MachineBusy(), Stopwatch.StartNew());
            var first = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var body in bodies)
            {
                await newsroom.PublishAsync(body, cancellationToken);
            }

            var last = await database.WaitReadyAsync(articles, TimeSpan.FromMinutes(15), cancellationToken);
            var cpu = CpuShare.Of(nodes) - cpuBefore;
            var other = Math.Max(0, (Bench.MachineBusy() - machineBefore - cpu.Total) / clock.Elapsed);
            var renderMs = await database.CountAsync("SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY finished_at - started_at) FROM renditions", cancellationToken);
            // Time each worker process spent not rendering between the first publish and its last render: queue pick-up and
            // hand-over. rendered_by is host:pid:run, so the process is its second part.
            var idleMs = await database.CountAsync(
                $"""
                SELECT coalesce(avg(idle), 0)::bigint FROM (
                    SELECT process, sum(started_at - coalesce(previous, {first})) AS idle FROM (
                        SELECT split_part(rendered_by, ':', 2) AS process, started_at,
                               lag(finished_at) OVER (PARTITION BY split_part(rendered_by, ':', 2) ORDER BY started_at) AS previous
                        FROM renditions
                    ) gaps GROUP BY process
                ) workers
                """, cancellationToken);
            var byWorker = await database.CountsAsync("SELECT split_part(rendered_by, ':', 2), count(*) FROM renditions GROUP BY 1 ORDER BY 1", cancellationToken);
            var wall = (last - first) / 1000.0;
            Bench.Note($"{workers} worker(s): {articles} ready in {wall:F1} s");
            return new Run(workers, wall, articles * 60 / wall, speech.Requests.Count, string.Join(" / ", byWorker.Select(c => c.Count)), renderMs / 1000.0, idleMs / 1000.0, cpu, other);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <param name="OtherCores">Cores' worth of CPU used meanwhile by processes outside the run.</param>
    /// <param name="RenderSeconds">Median time from a worker's claim to ready, per article.</param>
    /// <param name="IdleSeconds">Per worker, on average: time without a render between the first publish and its last render.</param>
    private sealed record Run(
        int Workers, double WallSeconds, double PerMinute, int Requests, string Split, double RenderSeconds, double IdleSeconds, CpuShare Cpu, double OtherCores);

    /// <summary>CPU so far of each part of a run: worker nodes, the web node, this process (the speech server lives here) and PostgreSQL.</summary>
    private sealed record CpuShare(TimeSpan Workers, TimeSpan Web, TimeSpan Speech, TimeSpan Database)
    {
        public TimeSpan Total => Workers + Web + Speech + Database;

        /// <summary>The first node is the web node, the rest are workers.</summary>
        public static CpuShare Of(List<ServiceNode> nodes) => new(
            nodes.Skip(1).Aggregate(TimeSpan.Zero, (sum, node) => sum + node.CpuTime), nodes[0].CpuTime,
            Bench.ProcessCpu(Environment.ProcessId), Bench.PostgresCpu());

        public static CpuShare operator -(CpuShare a, CpuShare b) =>
            new(a.Workers - b.Workers, a.Web - b.Web, a.Speech - b.Speech, a.Database - b.Database);
    }
}
