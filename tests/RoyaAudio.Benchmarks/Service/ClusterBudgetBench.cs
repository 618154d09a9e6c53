using System.Globalization;
using RoyaAudio.SpeechServer;

namespace RoyaAudio.Benchmarks.Service;

/// <summary>
/// cluster-budget: three worker processes (role worker) and a web node on one PostgreSQL render short
/// articles through the local speech server keeping a quota of 60 requests a minute over sliding 10 s
/// windows, every process told the quota. Once with <c>Tts:Budget=cluster</c> (one budget in the
/// database) and once with <c>process</c> (each process its own) as the baseline, each on a fresh
/// database and a fresh speech server. Reports the share of requests answered 429 and the successful
/// requests a minute as a share of the quota; exits 1 when the cluster run misses either target.
/// With BUDGET_BEFORE_SERVER_DLL naming a build of an earlier release, a third run shows that release's
/// per-process limiter (a token bucket holding ten seconds' worth) on the same setup.
/// </summary>
internal static class ClusterBudgetBench
{
    private const string SpeechKey = "bench-speech-key";
    private const double MaxThrottledShare = 0.05;
    private const double MinQuotaShare = 0.85;

    public static async Task<int> RunAsync(string work, CancellationToken cancellationToken)
    {
        var articles = Bench.Knob("BUDGET_ARTICLES", 30);
        var paragraphs = Bench.Knob("BUDGET_PARAGRAPHS", 2);
        var workers = Bench.Knob("BUDGET_WORKERS", 3);
        var quota = Bench.Knob("BUDGET_QUOTA", 60);
        var latency = Bench.Knob("BUDGET_LATENCY_MS", 300);

        var runs = new List<Run>();
        foreach (var budget in new[] { "cluster", "process" })
        {
            runs.Add(await RunOnceAsync(Path.Combine(work, budget), budget, null, workers, articles, paragraphs, quota, latency, cancellationToken));
        }

        if (Environment.GetEnvironmentVariable("BUDGET_BEFORE_SERVER_DLL") is { Length: > 0 } before)
        {
            runs.Add(await RunOnceAsync(Path.Combine(work, "before"), "before: token bucket per process", before, workers, articles, paragraphs, quota, latency, cancellationToken));
        }

        Bench.Out.WriteLine();
        var table = new MarkdownTable("Tts:Budget", "articles", "speech requests", "answered 429", "429 share", "successful/min", "share of quota", "wall s", "articles/min");
        foreach (var run in runs)
        {
            table.Add(run.Budget, articles.ToString(CultureInfo.InvariantCulture), run.Requests.ToString(CultureInfo.InvariantCulture),
                run.Throttled.ToString(CultureInfo.InvariantCulture), Percent(run.ThrottledShare), Bench.Fixed(run.SuccessfulPerMinute, 1),
                Percent(run.SuccessfulPerMinute / quota), Bench.Fixed(run.WallSeconds, 1), Bench.Fixed(articles * 60 / run.WallSeconds, 1));
        }

        table.Print();
        var cluster = runs[0];
        var throttledMet = cluster.ThrottledShare <= MaxThrottledShare;
        var quotaMet = cluster.SuccessfulPerMinute / quota >= MinQuotaShare;
        Bench.Out.WriteLine();
        Bench.Out.WriteLine(
            $"cluster: 429 share {Percent(cluster.ThrottledShare)} (target ≤ {Percent(MaxThrottledShare)}: {Bench.Met(throttledMet)}), " +
            $"throughput {Percent(cluster.SuccessfulPerMinute / quota)} of the quota (target ≥ {Percent(MinQuotaShare)}: {Bench.Met(quotaMet)}). " +
            $"{workers} worker processes (Jobs__WorkerCount=1, Tts__OpenAI__MaxConcurrency=2) and a web node on one PostgreSQL, every process told " +
            $"Tts__OpenAI__RequestsPerMinute={quota}; {articles} articles of a title and {paragraphs} paragraphs (one speech request each, MaxCharacters=200), " +
            $"speech server in the benchmark process admitting {quota} a minute over any sliding 10 s window ({quota / 6} in 10 s; beyond, 429 with Retry-After) " +
            $"with {latency} ms added per answer; a fresh database and speech server per run. Throughput: successful speech requests a minute between the first " +
            $"and the last request of the run. {Bench.Machine()}.");
        return throttledMet && quotaMet ? 0 : 1;
    }

    private static string Percent(double share) => (share * 100).ToString("F1", CultureInfo.InvariantCulture) + " %";

    private static async Task<Run> RunOnceAsync(
        string directory, string budget, string? serverDll, int workers, int articles, int paragraphs, int quota, int latency, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await using var speech = await LocalSpeechServer.StartAsync(
            new SpeechServerOptions { ApiKey = SpeechKey, AddedLatencyMs = latency, QuotaPerMinute = quota }, ct: cancellationToken);
        await using var database = await BenchDatabase.CreateAsync(cancellationToken);
        var settings = ServiceNode.Settings(database, directory);
        ServiceNode.UseSpeechServer(settings, speech.BaseAddress, SpeechKey);
        if (serverDll is null)
        {
            settings["Tts:Budget"] = budget;
        }

        settings["Tts:OpenAI:Model"] = "tts-1";
        settings["Tts:OpenAI:RequestsPerMinute"] = quota.ToString(CultureInfo.InvariantCulture);
        settings["Tts:OpenAI:MaxCharacters"] = "200";
        settings["Tts:OpenAI:MaxConcurrency"] = "2";
        settings["Jobs:WorkerCount"] = "1";

        Bench.Note($"Tts:Budget={budget}: starting a web node and {workers} workers");
        var nodes = new List<ServiceNode>();
        try
        {
            // The web node migrates the schema first, so the workers start against ready tables.
            nodes.Add(await ServiceNode.StartAsync("web", settings, Path.Combine(directory, "web.log"), cancellationToken, serverDll));
            for (var i = 1; i <= workers; i++)
            {
                var own = new Dictionary<string, string>(settings) { ["Jobs:WorkDirectory"] = Path.Combine(directory, $"worker-{i}") };
                nodes.Add(await ServiceNode.StartAsync("worker", own, Path.Combine(directory, $"worker-{i}.log"), cancellationToken, serverDll));
            }

            using var http = new HttpClient { BaseAddress = nodes[0].BaseAddress };
            var newsroom = new Newsroom(http);
            Bench.Note($"Tts:Budget={budget}: publishing {articles} articles");
            var first = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            for (var n = 1; n <= articles; n++)
            {
                await newsroom.PublishAsync(Newsroom.Article($"{Path.GetFileName(directory)}-story-{n:00}", paragraphs), cancellationToken);
            }

            var last = await database.WaitReadyAsync(articles, TimeSpan.FromMinutes(15), cancellationToken);
            var requests = speech.Requests.Where(r => r.Path.EndsWith("/audio/speech", StringComparison.Ordinal)).ToList();
            var successes = requests.Where(r => r.Status == 200).ToList();
            var span = (requests.Max(r => r.At) - requests.Min(r => r.At)).TotalMinutes;
            var run = new Run(budget, requests.Count, requests.Count(r => r.Status == 429), (successes.Count - 1) / span, (last - first) / 1000.0);
            Bench.Note($"Tts:Budget={budget}: {articles} ready in {run.WallSeconds:F1} s, {run.Throttled} of {run.Requests} speech requests answered 429");
            return run;
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private sealed record Run(string Budget, int Requests, int Throttled, double SuccessfulPerMinute, double WallSeconds)
    {
        public double ThrottledShare => Requests == 0 ? 0 : (double)Throttled / Requests;
    }
}
