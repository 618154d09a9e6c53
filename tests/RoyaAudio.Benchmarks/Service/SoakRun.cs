using RoyaAudio.SpeechServer;

namespace RoyaAudio.Benchmarks.Service;

/// <summary>
/// One soak pass: a fresh speech server, database, media folder and role-all node; the articles published
/// at once; the editor API polled until all are ready (the outage switched on and off on the way); then
/// every MP3 fetched as a listener would and decoded.
/// </summary>
internal sealed class SoakRun(int articles, int workers, int requestTimeoutSeconds, TimeSpan timeout)
{
    private const string SpeechKey = "bench-speech-key";

    public int Workers => workers;

    public async Task<SoakResult> RunAsync(string directory, FaultOptions faults, TimeSpan? outage, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        await using var speech = await LocalSpeechServer.StartAsync(new SpeechServerOptions { ApiKey = SpeechKey, Faults = faults }, ct: cancellationToken);
        await using var database = await BenchDatabase.CreateAsync(cancellationToken);
        var settings = ServiceNode.Settings(database, directory);
        ServiceNode.UseSpeechServer(settings, speech.BaseAddress, SpeechKey);
        settings["Tts:OpenAI:RequestTimeoutSeconds"] = requestTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Jobs:RetryDelaySeconds"] = "2";
        settings["Jobs:MaxRetryDelaySeconds"] = "20";
        settings["Jobs:MaxAttempts"] = "20";
        settings["Jobs:WorkerCount"] = workers.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Jobs:WorkDirectory"] = Path.Combine(directory, "scratch");
        await using var node = await ServiceNode.StartAsync("all", settings, Path.Combine(directory, "service.log"), cancellationToken);

        using var http = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var newsroom = new Newsroom(http);
        var ids = Enumerable.Range(1, articles).Select(n => $"soak-story-{n:000}").ToList();
        var first = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var id in ids)
        {
            await newsroom.PublishAsync(Newsroom.Article(id, paragraphs: 2), cancellationToken);
        }

        var (ready, failed, watch) = await FollowAsync(newsroom, speech, outage, cancellationToken);
        var last = ready > 0 ? await database.CountAsync("SELECT max(finished_at) FROM renditions WHERE status = 'ready'", cancellationToken) : first;
        var requests = speech.Requests;
        var faultList = string.Join(", ", requests.Where(r => r.Status != 200 || r.Fault is not null)
            .GroupBy(r => r.Fault ?? r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}"));

        var (checkedCount, worst) = await CheckMp3sAsync(http, newsroom, ids, Path.Combine(directory, "mp3"), cancellationToken);
        return new SoakResult(ready, failed, (last - first) / 1000.0, requests.Count, requests.Count(r => r.Status == 200),
            faultList.Length > 0 ? faultList : "none", checkedCount, worst, watch);
    }

    /// <summary>Polls the editor's list every half second until every article is ready (or the time is up).</summary>
    private async Task<(int Ready, int FailedSeen, OutageWatch Watch)> FollowAsync(
        Newsroom newsroom, LocalSpeechServer speech, TimeSpan? outage, CancellationToken cancellationToken)
    {
        var watch = new OutageWatch();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTime.UtcNow + timeout;
        DateTime? outageStarted = null;
        var outageOver = outage is null;
        while (true)
        {
            var statuses = await newsroom.StatusesAsync(cancellationToken);
            var ready = statuses.Count(s => s.Status == "ready");
            failed.UnionWith(statuses.Where(s => s.Status == "failed").Select(s => s.Id));
            if (!outageOver && outageStarted is null && ready >= articles / 3.0)
            {
                speech.Options.Faults.Outage = true;
                outageStarted = DateTime.UtcNow;
                watch.Begin(ready);
                Bench.Note($"outage on: {ready} of {articles} ready");
            }
            else if (!outageOver && outageStarted is not null)
            {
                watch.Observe(statuses);
                if (DateTime.UtcNow - outageStarted >= outage)
                {
                    speech.Options.Faults.Outage = false;
                    outageOver = true;
                    watch.End(ready);
                    Bench.Note($"outage off: {ready} of {articles} ready");
                }
            }

            watch.AfterwardsReady(ready);
            if ((ready == articles && outageOver) || DateTime.UtcNow > deadline)
            {
                if (ready < articles)
                {
                    Bench.Note($"gave up after {timeout.TotalSeconds:F0} s: {ready} of {articles} ready");
                }

                return (ready, failed.Count, watch);
            }

            await Task.Delay(500, cancellationToken);
        }
    }

    /// <summary>Fetches each article's MP3 from the URL the audio API gives and decodes it; returns how many were checked and the worst difference.</summary>
    private static async Task<(int Checked, double WorstDeltaMs)> CheckMp3sAsync(
        HttpClient http, Newsroom newsroom, List<string> ids, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var (count, worst) = (0, 0.0);
        foreach (var id in ids)
        {
            if (await newsroom.AudioAsync(id, cancellationToken) is not { } audio)
            {
                continue;
            }

            var file = Path.Combine(folder, id + ".mp3");
            await File.WriteAllBytesAsync(file, await http.GetByteArrayAsync(audio.Mp3, cancellationToken), cancellationToken);
            var delta = Math.Abs(await Mp3Probe.DecodedMillisecondsAsync(file, cancellationToken) - audio.DurationMs);
            if (delta > 50)
            {
                Bench.Note($"{id}: decoded length differs from durationMs {audio.DurationMs} by {delta:F1} ms");
            }

            (count, worst) = (count + 1, Math.Max(worst, delta));
            File.Delete(file);
        }

        return (count, worst);
    }
}

internal sealed record SoakResult(
    int Ready, int FailedSeen, double WallSeconds, int Requests, int Answered, string FaultList, int Mp3Checked, double WorstMp3DeltaMs, OutageWatch Outage);

/// <summary>What editors saw while the speech service was down: no article may show as failed.</summary>
internal sealed class OutageWatch
{
    private readonly HashSet<string> _retrying = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);
    private DateTime? _ended;

    public int Polls { get; private set; }

    public int Failed => _failed.Count;

    public int EverRetrying => _retrying.Count;

    public int MaxRetrying { get; private set; }

    public int MaxRendering { get; private set; }

    public int MaxQueued { get; private set; }

    public int ReadyAtStart { get; private set; }

    public int ReadyAtEnd { get; private set; }

    public void Begin(int ready) => ReadyAtStart = ready;

    /// <summary>Seconds from the end of the outage to the next article ready: how long backoff kept renders away after the service was back.</summary>
    public double? RecoverySeconds { get; private set; }

    public void End(int ready)
    {
        ReadyAtEnd = ready;
        _ended = DateTime.UtcNow;
    }

    public void AfterwardsReady(int ready)
    {
        if (_ended is { } ended && RecoverySeconds is null && ready > ReadyAtEnd)
        {
            RecoverySeconds = (DateTime.UtcNow - ended).TotalSeconds;
        }
    }

    public void Observe(List<(string Id, string Status)> statuses)
    {
        Polls++;
        _retrying.UnionWith(statuses.Where(s => s.Status == "retrying").Select(s => s.Id));
        _failed.UnionWith(statuses.Where(s => s.Status == "failed").Select(s => s.Id));
        MaxRetrying = Math.Max(MaxRetrying, statuses.Count(s => s.Status == "retrying"));
        MaxRendering = Math.Max(MaxRendering, statuses.Count(s => s.Status == "rendering"));
        MaxQueued = Math.Max(MaxQueued, statuses.Count(s => s.Status == "queued"));
    }
}
