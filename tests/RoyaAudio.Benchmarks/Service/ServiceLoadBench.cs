namespace RoyaAudio.Benchmarks.Service;

/// <summary>
/// service-load: an open-loop load on one role-all node (PostgreSQL, espeak-ng): (a) the signed webhook
/// upserting a pool of already-rendered articles with unchanged text, so every call is an idempotent
/// no-op; (b) the public audio API for one ready article. Each phase follows a warm-up at the same rate.
/// </summary>
internal static class ServiceLoadBench
{
    private const int MaxInFlight = 2000;

    public static async Task<int> RunAsync(string work, CancellationToken cancellationToken)
    {
        var seconds = Bench.Knob("LOAD_SECONDS", 30);
        var warmup = Bench.Knob("LOAD_WARMUP_SECONDS", 3);
        var webhookRate = Bench.Knob("LOAD_WEBHOOK_RATE", 200);
        var audioRate = Bench.Knob("LOAD_AUDIO_RATE", 1000);
        var pool = Bench.Knob("LOAD_ARTICLES", 50);

        await using var database = await BenchDatabase.CreateAsync(cancellationToken);
        var settings = ServiceNode.Settings(database, work);
        settings["Jobs:WorkDirectory"] = Path.Combine(work, "scratch");
        // The per-address limit (default 20/s) would answer most of one client's requests with 429.
        settings["RateLimits:PublicPerSecond"] = "1000000";
        Bench.Note("starting the service (role all)");
        await using var node = await ServiceNode.StartAsync("all", settings, Path.Combine(work, "service.log"), cancellationToken);

        using var setup = new HttpClient { BaseAddress = node.BaseAddress };
        var newsroom = new Newsroom(setup);
        var bodies = Enumerable.Range(1, pool).Select(n => Newsroom.Article($"load-story-{n:00}", paragraphs: 2)).ToArray();
        foreach (var body in bodies)
        {
            await newsroom.PublishAsync(body, cancellationToken);
        }

        Bench.Note($"rendering the {pool} articles of the pool with espeak-ng");
        await database.WaitReadyAsync(pool, TimeSpan.FromMinutes(10), cancellationToken);
        var renditionsBefore = await database.CountAsync("SELECT count(*) FROM renditions", cancellationToken);

        using var client = OpenLoad.Client(node.BaseAddress);
        var webhook = new OpenLoad(client, i => Newsroom.PublishRequest(bodies[i % bodies.Length]));
        var webhookResult = await MeasureAsync("webhook", node, webhook, webhookRate, warmup, seconds, cancellationToken);
        var queuedByLoad = await database.CountAsync("SELECT count(*) FROM renditions", cancellationToken) - renditionsBefore;

        var audioUri = new Uri("api/articles/load-story-01/audio", UriKind.Relative);
        var audio = new OpenLoad(client, _ => new HttpRequestMessage(HttpMethod.Get, audioUri));
        var audioResult = await MeasureAsync("audio API", node, audio, audioRate, warmup, seconds, cancellationToken);

        var webhookMet = webhookResult.Load.P99 < 100 && webhookResult.Load.Errors == 0;
        var audioMet = audioResult.Load.P99 < 20;
        Bench.Out.WriteLine();
        var table = new MarkdownTable("endpoint", "target/s", "sent/s", "ratio", "requests", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms", "send lag p99 ms", "CPU ms/req: service", "PostgreSQL", "generator", "other work, cores", "target", "");
        table.Add(Row("POST /api/articles (signed, unchanged)", webhookResult, "p99 < 100 ms, 0 errors", webhookMet));
        table.Add(Row("GET /api/articles/{id}/audio (ready)", audioResult, "p99 < 20 ms", audioMet));
        table.Print();
        Bench.Out.WriteLine();
        Bench.Out.WriteLine($"{seconds} s per endpoint after a {warmup} s warm-up at the same rate; one role-all node on PostgreSQL, espeak-ng; " +
            $"RateLimits__PublicPerSecond raised to 1000000 for the run (default 20 per address). Pool: {pool} rendered articles, " +
            $"renders queued by the webhook run: {queuedByLoad}. Answers: webhook {webhookResult.Load.StatusList}; audio {audioResult.Load.StatusList}. " +
            $"Generator, service and PostgreSQL share the machine ({Bench.Machine()}); sent/s below the target or a large send lag means the generator fell behind, " +
            "and 'other work' is CPU used meanwhile by processes outside the run, in cores.");
        return 0;
    }

    private static async Task<Measured> MeasureAsync(
        string name, ServiceNode node, OpenLoad load, int rate, int warmup, int seconds, CancellationToken cancellationToken)
    {
        Bench.Note($"{name}: warm-up {warmup} s, then {seconds} s at {rate} requests/s");
        await load.RunAsync(rate, TimeSpan.FromSeconds(warmup), MaxInFlight, cancellationToken);
        var (service, database, client, machine) = (node.CpuTime, Bench.PostgresCpu(), Bench.ProcessCpu(Environment.ProcessId), Bench.MachineBusy());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await load.RunAsync(rate, TimeSpan.FromSeconds(seconds), MaxInFlight, cancellationToken);
        var (serviceCpu, databaseCpu, clientCpu) = (node.CpuTime - service, Bench.PostgresCpu() - database, Bench.ProcessCpu(Environment.ProcessId) - client);
        var other = (Bench.MachineBusy() - machine - serviceCpu - databaseCpu - clientCpu) / clock.Elapsed;
        return new Measured(result, serviceCpu.TotalMilliseconds / result.Requests, databaseCpu.TotalMilliseconds / result.Requests,
            clientCpu.TotalMilliseconds / result.Requests, Math.Max(0, other));
    }

    private static string[] Row(string endpoint, Measured measured, string target, bool met)
    {
        var r = measured.Load;
        return
        [
            endpoint, r.TargetRate.ToString(System.Globalization.CultureInfo.InvariantCulture), Bench.Fixed(r.AchievedRate, 1), Bench.Fixed(r.RateRatio),
            r.Requests.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Errors.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Bench.Ms(r.P50), Bench.Ms(r.P90), Bench.Ms(r.P99), Bench.Ms(r.Max), Bench.Ms(r.LagP99),
            Bench.Ms(measured.ServiceCpuMs), Bench.Ms(measured.DatabaseCpuMs), Bench.Ms(measured.ClientCpuMs), Bench.Fixed(measured.OtherCores), target, Bench.Met(met),
        ];
    }

    /// <param name="OtherCores">Cores' worth of CPU used by everything else on the machine during the phase.</param>
    private sealed record Measured(LoadResult Load, double ServiceCpuMs, double DatabaseCpuMs, double ClientCpuMs, double OtherCores);
}
