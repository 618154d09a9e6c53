using System.Data.Common;
using Microsoft.Extensions.Time.Testing;
using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Tests.Synthesis.Remote;

/// <summary>Waiting for turns in a budget kept in process memory, on a clock the test moves.</summary>
public sealed class SpeechBudgetTests
{
    private static readonly TimeSpan Done = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));

    private SpeechBudget Budget(int requestsPerMinute = 60, ISpeechBudgetStore? store = null) =>
        new(new SpeechPace(requestsPerMinute), store ?? new ProcessBudgetStore(_clock), _clock);

    [Fact]
    public async Task Each_request_waits_for_its_own_slot_one_interval_after_the_last()
    {
        var budget = Budget();
        var turns = Enumerable.Range(0, 3).Select(_ => budget.WaitTurnAsync(100, CancellationToken.None).AsTask()).ToList();

        Assert.True(turns[0].IsCompleted);
        Assert.False(turns[1].IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1052));
        Assert.False(turns[1].IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await turns[1].WaitAsync(Done);
        Assert.False(turns[2].IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1053));
        await turns[2].WaitAsync(Done);
    }

    [Fact]
    public async Task A_429_while_others_wait_voids_their_slots_and_they_go_after_Retry_After_at_the_lowered_rate()
    {
        var budget = Budget();
        var sent = await budget.WaitTurnAsync(100, CancellationToken.None);
        var waiting = budget.WaitTurnAsync(100, CancellationToken.None).AsTask();
        var alsoWaiting = budget.WaitTurnAsync(100, CancellationToken.None).AsTask();

        _clock.Advance(TimeSpan.FromMilliseconds(500));
        await budget.ThrottledAsync(sent, TimeSpan.FromSeconds(3), CancellationToken.None);
        // The old slots (1,053 and 2,106 ms) pass; the waiters find them void and take new ones from 3.5 s on.
        _clock.Advance(TimeSpan.FromMilliseconds(2999));
        Assert.False(waiting.IsCompleted);
        Assert.False(alsoWaiting.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var first = await Task.WhenAny(waiting, alsoWaiting).WaitAsync(Done);
        var second = first == waiting ? alsoWaiting : waiting;
        Assert.Equal(1, (await first).Epoch);
        _clock.Advance(TimeSpan.FromMilliseconds(1403));
        Assert.False(second.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal((await first).AtMs + 1404, (await second.WaitAsync(Done)).AtMs);
    }

    [Fact]
    public async Task A_cancelled_wait_ends_at_once()
    {
        var budget = Budget();
        await budget.WaitTurnAsync(100, CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var waiting = budget.WaitTurnAsync(100, stop.Token).AsTask();

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Done));
    }

    [Fact]
    public async Task When_the_shared_store_cannot_be_read_the_process_paces_itself()
    {
        var budget = Budget(store: new UnreachableStore());
        var first = await budget.WaitTurnAsync(100, CancellationToken.None).AsTask().WaitAsync(Done);
        var second = budget.WaitTurnAsync(100, CancellationToken.None).AsTask();
        await budget.ThrottledAsync(first, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.False(second.IsCompleted);
        for (var step = 0; step < 50 && !second.IsCompleted; step++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Yield();
        }

        // Held past the old slot by the 429: the lowered rate and the new epoch came from the process's own schedule.
        Assert.True((await second.WaitAsync(Done)).AtMs - first.AtMs >= 1404);
    }

    private sealed class UnreachableStore : ISpeechBudgetStore
    {
        public ValueTask<T> ChangeAsync<T>(Func<PaceState, long, (PaceState State, T Result)> change, CancellationToken cancellationToken) =>
            ValueTask.FromException<T>(new StoreDown());

        public ValueTask<long> EpochAsync(CancellationToken cancellationToken) => ValueTask.FromException<long>(new StoreDown());
    }

    private sealed class StoreDown : DbException
    {
        public StoreDown() : base("connection refused") { }
    }
}
