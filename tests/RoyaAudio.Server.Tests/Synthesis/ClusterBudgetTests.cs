using System.Diagnostics;
using Microsoft.Extensions.Options;
using RoyaAudio.Server.Database;
using RoyaAudio.Server.Synthesis;
using RoyaAudio.Server.Tests.Support;
using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Server.Tests.Synthesis;

/// <summary>
/// One budget shared through PostgreSQL. Each <see cref="AppDatabase"/> has its own connection pool, as
/// each worker process does; two of them on one database stand for two workers.
/// </summary>
public sealed class ClusterBudgetTests : IAsyncLifetime
{
    private const string Deployment = "azure-openai newsroom.openai.azure.com:443 tts";

    private readonly TestPostgres _database = new();
    private readonly List<AppDatabase> _workers = [];

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await Worker().MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        await _database.DisposeAsync();
    }

    private AppDatabase Worker(string? connectionString = null)
    {
        var database = new AppDatabase(Options.Create(new DatabaseOptions { PostgresConnectionString = connectionString ?? _database.ConnectionString }));
        _workers.Add(database);
        return database;
    }

    [Fact]
    public async Task Two_workers_are_handed_slots_that_never_collide_and_are_evenly_spaced_in_total()
    {
        var pace = new SpeechPace(60);
        var stores = new[] { new PostgresBudgetStore(Worker(), Deployment), new PostgresBudgetStore(Worker(), Deployment) };

        // Ten requests from each at once, interleaved on the two pools.
        var turns = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            stores[i % 2].ChangeAsync((state, now) => pace.Reserve(state, now, 100), CancellationToken.None).AsTask()));

        var slots = turns.Select(t => t.AtMs).Order().ToList();
        Assert.Equal(20, slots.Distinct().Count());
        Assert.All(slots.Zip(slots.Skip(1)), pair => Assert.Equal(1053, pair.Second - pair.First));
        Assert.Equal(1, await _database.ScalarAsync<long>("SELECT COUNT(*) FROM tts_budget"));
    }

    [Fact]
    public async Task A_429_met_by_one_worker_slows_the_other()
    {
        var pace = new SpeechPace(60);
        var first = new SpeechBudget(pace, new PostgresBudgetStore(Worker(), Deployment));
        var other = new PostgresBudgetStore(Worker(), Deployment);

        var turn = await first.WaitTurnAsync(100, CancellationToken.None);
        var sinceThrottled = Stopwatch.StartNew();
        await first.ThrottledAsync(turn, TimeSpan.FromSeconds(3), CancellationToken.None);
        var next = await Reserve();
        var asked = sinceThrottled.ElapsedMilliseconds;
        var following = await Reserve();

        // Held until the service's Retry-After (less the time the calls took, however slow the machine), then
        // three quarters of the rate: 60 s / (60 × 0.95 × 0.75) = 1,404 ms apart.
        Assert.InRange(next.WaitMs, 3000 - asked - 50, 3000);
        Assert.Equal(1, next.Epoch);
        Assert.Equal(1404, following.AtMs - next.AtMs);
        var row = Assert.Single(await _database.RowsAsync("SELECT factor, epoch FROM tts_budget"));
        Assert.Equal((0.75, 1L), ((double)row[0]!, (long)row[1]!));

        Task<SpeechTurn> Reserve() => other.ChangeAsync((state, now) => pace.Reserve(state, now, 100), CancellationToken.None).AsTask();
    }

    [Fact]
    public async Task Turns_waited_for_through_two_workers_start_no_sooner_than_their_evenly_spaced_slots()
    {
        // 300 a minute: one every 211 ms across both workers.
        var pace = new SpeechPace(300);
        var budgets = new[] { new SpeechBudget(pace, new PostgresBudgetStore(Worker(), Deployment)), new SpeechBudget(pace, new PostgresBudgetStore(Worker(), Deployment)) };
        var clock = Stopwatch.StartNew();

        var turns = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
        {
            var turn = await budgets[i % 2].WaitTurnAsync(100, CancellationToken.None);
            return (turn.AtMs, Started: clock.Elapsed.TotalMilliseconds);
        }));

        var ordered = turns.OrderBy(t => t.AtMs).ToList();
        Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.Equal(211, pair.Second.AtMs - pair.First.AtMs));
        // Each started no sooner than its slot (measured from the first, which went at once; 5 ms for timer rounding).
        Assert.All(ordered, t => Assert.True(t.Started >= t.AtMs - ordered[0].AtMs - 5, $"slot +{t.AtMs - ordered[0].AtMs} ms started at {t.Started:F0} ms"));
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(9 * 211 - 5), $"ten turns in {clock.Elapsed}");
    }

    [Fact]
    public async Task Without_the_database_each_worker_paces_itself_alone()
    {
        var unreachable = Worker("Host=127.0.0.1;Port=1;Username=roya;Timeout=2");
        var budget = new SpeechBudget(new SpeechPace(600), new PostgresBudgetStore(unreachable, Deployment));
        var clock = Stopwatch.StartNew();

        var first = await budget.WaitTurnAsync(100, CancellationToken.None);
        var second = await budget.WaitTurnAsync(100, CancellationToken.None);

        Assert.True(second.AtMs - first.AtMs >= 106, $"{second.AtMs - first.AtMs} ms apart");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Each_deployment_has_its_own_budget_and_keys_are_no_part_of_its_name()
    {
        Assert.Equal(Deployment, TtsEngines.BudgetName("azure-openai", "https://newsroom.openai.azure.com/", "tts"));
        Assert.NotEqual(
            TtsEngines.BudgetName("azure-openai", "https://newsroom.openai.azure.com/", "tts"),
            TtsEngines.BudgetName("azure-openai", "https://newsroom.openai.azure.com/", "tts-hd"));
        Assert.Equal("openai api.openai.com:443/v1 gpt-4o-mini-tts", TtsEngines.BudgetName("openai", "https://api.openai.com/v1/", "gpt-4o-mini-tts"));
    }
}
