using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Tests.Synthesis.Remote;

/// <summary>The pacing calculation alone: slots, spacing, the drop after a 429 and the way back.</summary>
public sealed class SpeechPaceTests
{
    private const long Start = 1_700_000_000_000;

    /// <summary>60 a minute under the headroom: one request every 1,053 ms (60 s / (60 × 0.95), rounded up).</summary>
    private const long SixtyAMinute = 1053;

    private static (PaceState State, List<SpeechTurn> Turns) ReserveMany(SpeechPace pace, PaceState state, long now, int count, int characters = 100)
    {
        var turns = new List<SpeechTurn>();
        for (var i = 0; i < count; i++)
        {
            (state, var turn) = pace.Reserve(state, now, characters);
            turns.Add(turn);
        }

        return (state, turns);
    }

    [Fact]
    public void The_first_request_goes_at_once_and_the_rest_are_evenly_spaced_with_no_burst()
    {
        var (_, turns) = ReserveMany(new SpeechPace(60), PaceState.Initial, Start, 12);

        Assert.Equal(0, turns[0].WaitMs);
        Assert.All(turns.Zip(turns.Skip(1)), pair => Assert.Equal(SixtyAMinute, pair.Second.AtMs - pair.First.AtMs));
        Assert.Equal(11 * SixtyAMinute, turns[^1].WaitMs);
        // No window of 10 s holds more than ten: a service judging 60 a minute over 10 s windows admits them all.
        Assert.All(turns, t => Assert.True(turns.Count(o => o.AtMs >= t.AtMs && o.AtMs < t.AtMs + 10_000) <= 10));
    }

    [Fact]
    public void An_idle_budget_saves_nothing_up_for_a_burst()
    {
        var pace = new SpeechPace(60);
        var (state, _) = ReserveMany(pace, PaceState.Initial, Start, 3);
        var later = Start + 120_000;

        var (_, turns) = ReserveMany(pace, state, later, 3);

        Assert.Equal([later, later + SixtyAMinute, later + 2 * SixtyAMinute], turns.Select(t => t.AtMs));
    }

    [Fact]
    public void Characters_per_minute_spaces_long_requests_by_their_length()
    {
        // 600 requests a minute would allow one every 106 ms; 6,000 characters a minute allow 1,000 characters every 10.5 s.
        var pace = new SpeechPace(600, CharactersPerMinute: 6000);
        var state = PaceState.Initial;
        (state, var first) = pace.Reserve(state, Start, 1000);
        (state, var second) = pace.Reserve(state, Start, 10);
        (_, var third) = pace.Reserve(state, Start, 10);

        Assert.Equal(Start, first.AtMs);
        Assert.Equal((long)Math.Ceiling(1000 * 60_000 / (6000 * SpeechPace.Headroom)), second.AtMs - first.AtMs);
        // A short request is held by the request count, not its characters.
        Assert.Equal((long)Math.Ceiling(60_000 / (600 * SpeechPace.Headroom)), third.AtMs - second.AtMs);
    }

    [Fact]
    public void A_429_takes_a_quarter_off_the_rate_holds_slots_until_Retry_After_and_voids_slots_handed_out_before_it()
    {
        var pace = new SpeechPace(60);
        var (state, turns) = ReserveMany(pace, PaceState.Initial, Start, 4);
        var now = Start + 100;

        state = pace.Throttled(state, now, turns[0], TimeSpan.FromSeconds(3));

        Assert.Equal(0.75, state.Factor);
        Assert.Equal(1, state.Epoch);
        Assert.NotEqual(turns[3].Epoch, state.Epoch);
        var (_, after) = ReserveMany(pace, state, now, 3);
        Assert.Equal(now + 3000, after[0].AtMs);
        // 60 s / (60 × 0.95 × 0.75), rounded up.
        Assert.All(after.Zip(after.Skip(1)), pair => Assert.Equal(1404, pair.Second.AtMs - pair.First.AtMs));
    }

    [Fact]
    public void Without_Retry_After_a_429_holds_the_schedule_one_interval_at_the_lowered_rate()
    {
        var pace = new SpeechPace(60);
        var (state, turn) = pace.Reserve(PaceState.Initial, Start, 10);

        state = pace.Throttled(state, Start + 50, turn, retryAfter: null);

        Assert.Equal(Start + 50 + 1404, state.NextAtMs);
    }

    [Fact]
    public void Answers_429_to_requests_sent_at_the_old_rate_do_not_lower_it_again_but_still_hold_for_their_Retry_After()
    {
        var pace = new SpeechPace(60);
        var (state, turns) = ReserveMany(pace, PaceState.Initial, Start, 3);

        state = pace.Throttled(state, Start + 10, turns[0], TimeSpan.FromSeconds(1));
        state = pace.Throttled(state, Start + 20, turns[1], TimeSpan.FromSeconds(4));
        state = pace.Throttled(state, Start + 30, turns[2], TimeSpan.FromSeconds(1));

        Assert.Equal((0.75, 1L), (state.Factor, state.Epoch));
        Assert.Equal(Start + 20 + 4000, state.NextAtMs);
    }

    [Fact]
    public void Repeated_429s_at_the_lowered_rate_bring_it_down_to_the_floor()
    {
        var pace = new SpeechPace(60);
        var state = PaceState.Initial;
        var now = Start;
        var factors = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            (state, var turn) = pace.Reserve(state, now, 10);
            state = pace.Throttled(state, now, turn, TimeSpan.FromSeconds(1));
            factors.Add(state.Factor);
            now += 1000;
        }

        Assert.Equal(0.75, factors[0], 9);
        Assert.Equal(0.5625, factors[1], 9);
        Assert.Equal(Math.Pow(0.75, 8), factors[7], 9);
        Assert.Equal([SpeechPace.Floor, SpeechPace.Floor], factors[8..]);
    }

    [Fact]
    public void The_rate_comes_back_a_tenth_of_the_quota_per_quiet_ten_seconds_and_never_above_it()
    {
        var pace = new SpeechPace(60);
        var (state, turn) = pace.Reserve(PaceState.Initial, Start, 10);
        state = pace.Throttled(state, Start, turn, TimeSpan.FromSeconds(1));

        double FactorAfter(long ms) => SpeechPace.Recovered(state, Start + ms).Factor;

        Assert.Equal(0.75, FactorAfter(9_999));
        Assert.Equal(0.85, FactorAfter(10_000), 9);
        Assert.Equal(0.85, FactorAfter(19_999), 9);
        Assert.Equal(0.95, FactorAfter(20_000), 9);
        Assert.Equal(1.0, FactorAfter(30_000), 9);
        Assert.Equal(1.0, FactorAfter(600_000), 9);
    }

    [Fact]
    public void Recovery_steps_count_from_the_last_drop_and_a_reservation_applies_them()
    {
        var pace = new SpeechPace(60);
        var state = new PaceState(Start, 0.5, Start, 3); // after a few 429s
        var now = Start + 25_000;

        (state, var next) = pace.Reserve(state, now, 10);
        (_, var following) = pace.Reserve(state, now, 10);

        // Two quiet steps: 0.7 of the quota, 60 s / (60 × 0.95 × 0.7) = 1,504 ms apart; the third step is due at +30 s.
        Assert.Equal(0.7, state.Factor, 9);
        Assert.Equal(Start + 20_000, state.FactorAtMs);
        Assert.Equal(1504, following.AtMs - next.AtMs);
        var (_, late) = pace.Reserve(state with { NextAtMs = 0 }, Start + 30_000, 10);
        Assert.Equal(Start + 30_000, late.AtMs);
        Assert.Equal(0.8, SpeechPace.Recovered(state, Start + 30_000).Factor, 9);
    }
}
