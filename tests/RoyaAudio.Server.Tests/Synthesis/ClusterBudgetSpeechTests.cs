using Microsoft.Extensions.Options;
using RoyaAudio.Server.Database;
using RoyaAudio.Server.Synthesis;
using RoyaAudio.Server.Tests.Support;
using RoyaAudio.SpeechServer;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Server.Tests.Synthesis;

/// <summary>
/// Two engines, as two workers hold them, against the local speech server keeping a quota of 120 a
/// minute over sliding 10 s windows (20 in any 10 s), each told the quota.
/// </summary>
public sealed class ClusterBudgetSpeechTests : IAsyncLifetime
{
    private const string Key = "budget-speech-key";
    private const int Quota = 120;
    private const int RequestsPerWorker = 15;

    private readonly TestPostgres _database = new();
    private readonly List<AppDatabase> _workers = [];
    private LocalSpeechServer _speech = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _speech = await LocalSpeechServer.StartAsync(new SpeechServerOptions { ApiKey = Key, QuotaPerMinute = Quota, ReuseAnswers = true });
    }

    public async Task DisposeAsync()
    {
        await _speech.DisposeAsync();
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        await _database.DisposeAsync();
    }

    private RemoteTtsOptions Remote() => new()
    {
        Endpoint = new Uri(_speech.BaseAddress, "v1").ToString(),
        Model = "tts-1",
        RequestsPerMinute = Quota,
        RequestTimeoutSeconds = 10,
        MaxRetries = 6,
        MaxRetryDelaySeconds = 10,
    };

    private async Task<OpenAiSpeechEngine> WorkerAsync(bool shared)
    {
        var options = Remote();
        if (!shared)
        {
            return OpenAiSpeechEngine.ForOpenAi(options, Key);
        }

        var database = new AppDatabase(Options.Create(new DatabaseOptions { PostgresConnectionString = _database.ConnectionString }));
        _workers.Add(database);
        await database.MigrateAsync(CancellationToken.None);
        var name = TtsEngines.BudgetName(OpenAiSpeechEngine.OpenAiName, options.Endpoint, options.Model);
        return OpenAiSpeechEngine.ForOpenAi(options, Key, new SpeechBudget(SpeechPace.For(options), new PostgresBudgetStore(database, name)));
    }

    private static Task<SpeechAudio[]> RenderAsync(OpenAiSpeechEngine[] engines) =>
        Task.WhenAll(engines.SelectMany((engine, w) => Enumerable.Range(0, RequestsPerWorker).Select(i =>
            engine.SynthesizeAsync(new SpeechRequest($"Worker {w} reads item {i}.", "en", "alloy", 1.0), CancellationToken.None))));

    [Fact]
    public async Task Two_workers_sharing_the_cluster_budget_meet_few_or_no_429s_where_two_alone_meet_the_quota()
    {
        // Shared: thirty requests paced at 114 a minute between them, some 15 s.
        await RenderAsync([await WorkerAsync(shared: true), await WorkerAsync(shared: true)]);
        var shared = _speech.Requests;

        // Alone (each process its own budget, as Tts:Budget=process), on a fresh server with an empty window: twice
        // the quota offered until a 429 slows each down. Only whether the service refused matters here.
        await _speech.DisposeAsync();
        _speech = await LocalSpeechServer.StartAsync(new SpeechServerOptions { ApiKey = Key, QuotaPerMinute = Quota, ReuseAnswers = true });
        await Record.ExceptionAsync(async () => await RenderAsync([await WorkerAsync(shared: false), await WorkerAsync(shared: false)]));
        var alone = _speech.Requests;

        Assert.Equal(2 * RequestsPerWorker, shared.Count(r => r.Status == 200));
        Assert.True(shared.Count(r => r.Status == 429) <= 1, $"{shared.Count(r => r.Status == 429)} of {shared.Count} requests met 429 with the shared budget");
        Assert.True(alone.Any(r => r.Status == 429), $"none of {alone.Count} requests met 429 alone: the quota did not bite");
    }
}
