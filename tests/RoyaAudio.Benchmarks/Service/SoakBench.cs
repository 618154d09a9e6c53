using System.Globalization;
using RoyaAudio.SpeechServer;

namespace RoyaAudio.Benchmarks.Service;

/// <summary>
/// soak: the same articles published twice to a fresh role-all node rendering through the local speech
/// server: once fault-free (the baseline request count), once with 429s, 500/503s, stalls past the
/// request timeout and, once a third of the articles are ready, a full outage. Nothing may be lost or
/// failed, every MP3 must decode to its stated duration, and retries must stay within budget.
/// </summary>
internal static class SoakBench
{
    private const int RequestTimeoutSeconds = 5;

    public static async Task<int> RunAsync(string work, CancellationToken cancellationToken)
    {
        var articles = Bench.Knob("SOAK_ARTICLES", 100);
        var outage = TimeSpan.FromSeconds(Bench.Knob("SOAK_OUTAGE_SECONDS", 120));
        var timeout = TimeSpan.FromSeconds(Bench.Knob("SOAK_TIMEOUT_SECONDS", 1800));
        var run = new SoakRun(articles, Bench.Knob("SOAK_WORKERS", 2), RequestTimeoutSeconds, timeout);

        Bench.Note($"fault-free run: {articles} articles");
        var clean = await run.RunAsync(Path.Combine(work, "fault-free"), new FaultOptions(), outage: null, cancellationToken);
        var faults = new FaultOptions
        {
            RateLimitShare = 0.3,
            RetryAfterSeconds = 1,
            ServerErrorShare = 0.1,
            StallShare = 0.05,
            StallSeconds = RequestTimeoutSeconds + 3,
        };
        Bench.Note($"faulty run: {articles} articles, outage of {outage.TotalSeconds:F0} s once a third are ready");
        var faulty = await run.RunAsync(Path.Combine(work, "faults"), faults, outage, cancellationToken);

        Bench.Out.WriteLine();
        var runs = new MarkdownTable("run", "articles", "ready", "lost", "failed seen", "wall s", "speech requests", "200 answers", "faults answered", "worst MP3 Δ ms");
        foreach (var (name, r) in new[] { ("fault-free", clean), ("faults + outage", faulty) })
        {
            runs.Add(name, Count(articles), Count(r.Ready), Count(articles - r.Ready), Count(r.FailedSeen), Bench.Fixed(r.WallSeconds, 1),
                Count(r.Requests), Count(r.Answered), r.FaultList, Bench.Fixed(r.WorstMp3DeltaMs, 1));
        }

        runs.Print();
        var ratio = (double)faulty.Requests / clean.Requests;
        var lost = articles - faulty.Ready;
        var mp3Met = faulty.Mp3Checked == articles && faulty.WorstMp3DeltaMs <= 50 && clean.WorstMp3DeltaMs <= 50;
        var o = faulty.Outage;
        Bench.Out.WriteLine();
        var targets = new MarkdownTable("check", "figure", "target", "");
        targets.Add("articles lost (faulty run)", Count(lost), "0", Bench.Met(lost == 0));
        targets.Add("'failed' seen (any poll, both runs)", Count(faulty.FailedSeen + clean.FailedSeen), "0", Bench.Met(faulty.FailedSeen + clean.FailedSeen == 0));
        targets.Add("'failed' seen during the outage", Count(o.Failed), "0", Bench.Met(o.Failed == 0 && o.Polls > 0));
        targets.Add("MP3 decoded vs API durationMs (worst)", Bench.Fixed(Math.Max(clean.WorstMp3DeltaMs, faulty.WorstMp3DeltaMs), 1) + " ms", "±50 ms", Bench.Met(mp3Met));
        // The outage must have been felt: renders went to retrying, and faults were answered.
        var retried = o.EverRetrying > 0 && faulty.Requests > clean.Requests;
        targets.Add("articles sent to retrying by the outage", Count(o.EverRetrying), "≥ 1", Bench.Met(retried));
        targets.Add("speech requests ÷ fault-free", Bench.Fixed(ratio) + "×", "≤ 1.60×", Bench.Met(ratio <= 1.6));
        targets.Print();
        Bench.Out.WriteLine();
        var recovery = o.RecoverySeconds is { } seconds ? Bench.Fixed(seconds, 1) + " s" : "never";
        Bench.Out.WriteLine($"During the {outage.TotalSeconds:F0} s outage ({o.Polls} polls of GET /api/articles): at most {o.MaxRetrying} retrying, " +
            $"{o.MaxRendering} rendering and {o.MaxQueued} queued at once; {o.EverRetrying} articles were retrying at some point; " +
            $"{o.ReadyAtStart} ready when it began, {o.ReadyAtEnd} when it ended, the next one {recovery} after it ended. " +
            $"200 answers ÷ fault-free = {Bench.Fixed((double)faulty.Answered / clean.Answered)}× (above 1.00× means a unit was bought twice). " +
            $"Injected: 30% 429 (Retry-After 1 s), 10% 500/503, 5% stalls of {faults.StallSeconds} s against a {RequestTimeoutSeconds} s request timeout; " +
            $"since the draws are in turn, {Bench.Fixed(100 * 0.7 * 0.9 * 0.95, 1)}% of requests succeed, so {Bench.Fixed(1 / (0.7 * 0.9 * 0.95))}× is the floor " +
            $"before the outage. Jobs__RetryDelaySeconds=2, MaxRetryDelaySeconds=20, MaxAttempts=20, Jobs__WorkerCount={run.Workers}; {Bench.Machine()}.");
        // 2: something was lost, failed, mis-decoded or the outage never happened (correctness); 1: only the request budget.
        var correct = lost == 0 && faulty.FailedSeen + clean.FailedSeen == 0 && o.Failed == 0 && o.Polls > 0 && mp3Met && retried;
        return !correct ? 2 : ratio <= 1.6 ? 0 : 1;
    }

    private static string Count(long value) => value.ToString(CultureInfo.InvariantCulture);
}
