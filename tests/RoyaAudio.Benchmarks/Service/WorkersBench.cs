using System.Diagnostics;
using System.Globalization;
using RoyaAudio.SpeechServer;

namespace RoyaAudio.Benchmarks.Service;

/// <summary>
/// workers: TTS-bound throughput of one and of two worker processes (role worker, one render each)
/// beside a web node (role web) on one PostgreSQL, against the local speech server with added latency,
/// in alternating rounds (1, 2, 1, 2, …) judged on the ratio of the medians. Each run has a fresh database
/// and media folder, so no unit comes from the previous run's cache, and must end with every article ready.
/// Exits 2 when a run fails that check (the rounds stop there), 1 when only the 1.8× target is missed.
/// </summary>
internal static class WorkersBench
{
    private const string SpeechKey = "bench-speech-key";
    private const double TargetRatio = 1.8;

    /// <summary>Far beyond a healthy run (one worker renders 30 articles in about 40 s): past it the articles still rendering count as not ready.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(15);

    public static async Task<int> RunAsync(string work, CancellationToken cancellationToken)
    {
        var articles = Bench.Knob("WORKERS_ARTICLES", 30);
        var paragraphs = Bench.Knob("WORKERS_PARAGRAPHS", 4);
        var latency = Bench.Knob("WORKERS_LATENCY_MS", 300);
        var rounds = Bench.Knob("WORKERS_ROUNDS", 5);
        var reuse = Bench.Knob("WORKERS_REUSE_ANSWERS", 1) == 1;
        await using var speech = await LocalSpeechServer.StartAsync(
            new SpeechServerOptions { ApiKey = SpeechKey, AddedLatencyMs = latency, ReuseAnswers = reuse }, ct: cancellationToken);
        var setup = $"{articles} articles of {paragraphs} paragraphs, speech server in the benchmark process with {latency} ms added per answer, " +
            $"Tts__OpenAI__MaxConcurrency=2 and Jobs__WorkerCount=1 per worker, a role-web node in front; {Bench.Machine()}.";
        if (reuse)
        {
            // A priming run renders every answer once; the timed runs then cost the speech server almost no CPU,
            // as a remote provider's would, and the added latency stands for its speaking time.
            var priming = await RunOnceAsync(Path.Combine(work, "workers-priming"), 0, 2, articles, paragraphs, speech, cancellationToken);
            if (!priming.Check.Passed)
            {
                Bench.Out.WriteLine();
                Bench.Out.WriteLine($"correctness: **failed** in the priming run (2 workers): {priming.Check}. No timed run was made. {setup}");
                return ServiceModes.CorrectnessFailed;
            }
        }

        var runs = new List<Run>();
        var byRound = new WorkerRounds();
        await TimeRoundsAsync();
        Bench.Out.WriteLine();
        PrintRuns(runs, articles);
        Bench.Out.WriteLine();
        byRound.Print();
        Bench.Out.WriteLine();
        if (runs.FirstOrDefault(r => !r.Check.Passed) is { } broken)
        {
            Bench.Out.WriteLine($"correctness: **failed** in round {broken.Round} with {broken.Workers} worker(s): {broken.Check} " +
                $"(a run waits until every article is ready, a render fails or {RunTimeout.TotalMinutes:F0} min are up). " +
                $"The rounds stopped there; the speed target is not judged. {setup}");
            return ServiceModes.CorrectnessFailed;
        }

        var ratio = byRound.RatioOfMedians;
        Bench.Out.WriteLine($"two workers / one = {Bench.Fixed(ratio)}× as the ratio of the medians over {rounds} rounds " +
            $"(target ≥ {Bench.Fixed(TargetRatio)}×: {Bench.Met(ratio >= TargetRatio)}); every run had all {articles} articles ready, none failed or lost. " +
            "The rounds alternate 1 and 2 workers so drift in the machine's other work falls on both; in the rounds table the median row's 2 ÷ 1 is " +
            "the ratio of the medians and the range row's the spread of the rounds' own ratios. Wall time: first publish to the last rendition ready. " +
            setup + " " +
            (reuse
                ? "The speech server answered from the answers of a priming run (the same texts), so its CPU stays out of the cores the workers share; WORKERS_REUSE_ANSWERS=0 renders every answer with espeak-ng on the same cores. "
                : "The speech server rendered every answer with espeak-ng on the same cores, CPU that would be the TTS provider's elsewhere. ") +
            "'other work' is CPU used meanwhile by processes outside the run.");
        return ratio >= TargetRatio ? 0 : 1;

        // One worker then two in each round; a run that did not deliver every article ends the rounds, as its
        // figures mean nothing and the exit code is settled.
        async Task TimeRoundsAsync()
        {
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var workers in new[] { 1, 2 })
                {
                    speech.ClearRequests();
                    var run = await RunOnceAsync(Path.Combine(work, $"round-{round}-workers-{workers}"), round, workers, articles, paragraphs, speech, cancellationToken);
                    runs.Add(run);
                    if (!run.Check.Passed)
                    {
                        return;
                    }

                    byRound.Add(workers, run.PerMinute);
                }
            }
        }
    }

    /// <summary>Every run in the order made, with where its time and CPU went.</summary>
    private static void PrintRuns(List<Run> runs, int articles)
    {
        var table = new MarkdownTable("round", "workers", "wall s", "articles/min", "speech requests/article", "renders per worker", "median render s", "idle s/worker",
            "CPU s/article: workers", "web", "speech server", "PostgreSQL", "other work, cores", "articles");
        foreach (var run in runs)
        {
            var cpu = run.Cpu;
            table.Add(run.Round.ToString(CultureInfo.InvariantCulture), run.Workers.ToString(CultureInfo.InvariantCulture), Bench.Fixed(run.WallSeconds, 1),
                Bench.Fixed(run.PerMinute, 1), Bench.Fixed((double)run.Requests / articles), run.Split, Bench.Fixed(run.RenderSeconds), Bench.Fixed(run.IdleSeconds, 1),
                PerArticle(cpu.Workers), PerArticle(cpu.Web), PerArticle(cpu.Speech), PerArticle(cpu.Database), Bench.Fixed(run.OtherCores), run.Check.Passed ? "all ready" : run.Check.ToString());
        }

        table.Print();

        string PerArticle(TimeSpan cpu) => Bench.Fixed(cpu.TotalSeconds / articles);
    }

    /// <param name="round">0 for the priming run.</param>
    private static async Task<Run> RunOnceAsync(
        string directory, int round, int workers, int articles, int paragraphs, LocalSpeechServer speech, CancellationToken cancellationToken)
    {
        var name = round == 0 ? $"priming, {workers} workers" : $"round {round}, {workers} worker(s)";
        Directory.CreateDirectory(directory);
        await using var database = await BenchDatabase.CreateAsync(cancellationToken);
        var settings = ServiceNode.Settings(database, directory);
        ServiceNode.UseSpeechServer(settings, speech.BaseAddress, SpeechKey);
        settings["Tts:OpenAI:MaxConcurrency"] = "2";
        settings["Jobs:WorkerCount"] = "1";

        Bench.Note($"{name}: starting a web node and the workers");
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
            var ids = Enumerable.Range(1, articles).Select(n => $"{Path.GetFileName(directory)}-story-{n:00}").ToList();
            var bodies = ids.Select((id, i) => Newsroom.Article(id, paragraphs, story: $"story-{i + 1:00}")).ToList();
            Bench.Note($"{name}: publishing {articles} articles");
            var (cpuBefore, machineBefore, clock) = (CpuShare.Of(nodes), Bench.MachineBusy(), Stopwatch.StartNew());
            var first = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            foreach (var body in bodies)
            {
                await newsroom.PublishAsync(body, cancellationToken);
            }

            await database.WaitSettledAsync(articles, RunTimeout, cancellationToken);
            var cpu = CpuShare.Of(nodes) - cpuBefore;
            var other = Math.Max(0, (Bench.MachineBusy() - machineBefore - cpu.Total) / clock.Elapsed);
            var check = await RunCheck.OfAsync(database, ids, cancellationToken);
            var last = await database.CountAsync($"SELECT coalesce(max(finished_at), {first}) FROM renditions WHERE status = 'ready'", cancellationToken);
            var renderMs = await database.CountAsync(
                "SELECT coalesce(percentile_disc(0.5) WITHIN GROUP (ORDER BY finished_at - started_at), 0) FROM renditions WHERE status = 'ready'", cancellationToken);
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
            // With nothing ready the run's own clock stands in, so a broken run still prints figures (of zero articles).
            var wall = check.Ready > 0 ? (last - first) / 1000.0 : clock.Elapsed.TotalSeconds;
            Bench.Note($"{name}: {check.Ready} of {articles} ready in {wall:F1} s{(check.Passed ? "" : $" ({check})")}");
            return new Run(round, workers, wall, check.Ready * 60 / wall, speech.Requests.Count, string.Join(" / ", byWorker.Select(c => c.Count)),
                renderMs / 1000.0, idleMs / 1000.0, cpu, other, check);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <param name="Round">0 for the priming run.</param>
    /// <param name="PerMinute">Ready articles a minute.</param>
    /// <param name="OtherCores">Cores' worth of CPU used meanwhile by processes outside the run.</param>
    /// <param name="RenderSeconds">Median time from a worker's claim to ready, per article.</param>
    /// <param name="IdleSeconds">Per worker, on average: time without a render between the first publish and its last render.</param>
    /// <param name="Check">Whether every article published ended ready.</param>
    private sealed record Run(
        int Round, int Workers, double WallSeconds, double PerMinute, int Requests, string Split, double RenderSeconds, double IdleSeconds, CpuShare Cpu,
        double OtherCores, RunCheck Check);

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
