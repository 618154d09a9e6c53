namespace RoyaAudio.Synthesis.Remote;

/// <summary>
/// Where one speech budget's schedule stands. Times are unix milliseconds on the clock of the store that
/// keeps the state (process memory, or the database every worker shares).
/// </summary>
/// <param name="NextAtMs">The next free slot: no request may start before it.</param>
/// <param name="Factor">The share of the quota in force: 1 until the service answers 429, then lower.</param>
/// <param name="FactorAtMs">When the factor last changed; recovery steps count from here.</param>
/// <param name="Epoch">Bumped by every drop of the factor: slots handed out before it are void.</param>
public readonly record struct PaceState(long NextAtMs, double Factor, long FactorAtMs, long Epoch)
{
    /// <summary>A budget nobody has used yet: the first request goes at once, at the full rate.</summary>
    public static PaceState Initial => new(0, 1, 0, 0);
}

/// <summary>One request's place in the schedule.</summary>
/// <param name="AtMs">The slot: when the request may start, on the store's clock.</param>
/// <param name="Epoch">The epoch the slot was handed out in; a 429 since then voids it.</param>
/// <param name="WaitMs">How long from the moment it was handed out until the slot.</param>
public readonly record struct SpeechTurn(long AtMs, long Epoch, long WaitMs);

/// <summary>
/// The pacing calculation every budget store shares, pure: a "next free slot" schedule (GCRA without a
/// burst). Each request takes the slot <c>max(next, now)</c> and moves the next free slot one interval on,
/// <c>interval = max(60 s / (rpm × f), characters × 60 s / (cpm × f))</c>, so requests reach the service
/// evenly spaced: Azure judges its quota over 1–10 s windows, and a minute's worth at once is refused
/// even under the minute's quota. A 429 takes the factor <c>f</c> down to <see cref="Slowdown"/> of itself
/// (not below <see cref="Floor"/>) and holds every slot until the service's Retry-After; each
/// <see cref="StepMs"/> without another drop gives back <see cref="Step"/> of the quota.
/// </summary>
public sealed record SpeechPace(int RequestsPerMinute, int? CharactersPerMinute = null)
{
    /// <summary>
    /// The pace aims this far under the quota: send times jitter by milliseconds to tens of milliseconds
    /// (timers, the database, the network), and a service counting over a sliding window refuses the
    /// eleventh of ten-a-window requests that arrives a few milliseconds early.
    /// </summary>
    public const double Headroom = 0.95;

    /// <summary>
    /// The share of the pace kept after a 429. A quarter off rather than half: a lone 429 from a request
    /// that arrived late costs a few seconds' worth (a halving cost one a sixth of a benchmark run's
    /// throughput), and repeated 429s still bring the pace down geometrically until they stop.
    /// </summary>
    public const double Slowdown = 0.75;

    /// <summary>The lowest share of the quota a run of 429s can bring the pace down to.</summary>
    public const double Floor = 0.1;

    /// <summary>Share of the quota given back per quiet step.</summary>
    public const double Step = 0.1;

    public const long StepMs = 10_000;

    public static SpeechPace For(RemoteTtsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SpeechPace(options.RequestsPerMinute, options.CharactersPerMinute);
    }

    /// <summary>Milliseconds one request of <paramref name="characters"/> holds the schedule at <paramref name="factor"/>.</summary>
    public double IntervalMs(double factor, int characters)
    {
        var rate = Headroom * factor;
        var byRequests = 60_000 / (RequestsPerMinute * rate);
        var byCharacters = CharactersPerMinute is { } cpm && characters > 0 ? characters * 60_000.0 / (cpm * rate) : 0;
        return Math.Max(byRequests, byCharacters);
    }

    /// <summary>The state with every quiet step since the last change given back.</summary>
    public static PaceState Recovered(PaceState state, long nowMs)
    {
        if (state.Factor >= 1 || nowMs - state.FactorAtMs < StepMs)
        {
            return state;
        }

        var steps = (nowMs - state.FactorAtMs) / StepMs;
        return state with { Factor = Math.Min(1, state.Factor + steps * Step), FactorAtMs = state.FactorAtMs + steps * StepMs };
    }

    /// <summary>Hands out the next free slot to a request of <paramref name="characters"/> and moves the schedule on.</summary>
    public (PaceState State, SpeechTurn Turn) Reserve(PaceState state, long nowMs, int characters)
    {
        var current = Recovered(state, nowMs);
        var slot = Math.Max(current.NextAtMs, nowMs);
        var next = slot + (long)Math.Ceiling(IntervalMs(current.Factor, characters));
        return (current with { NextAtMs = next }, new SpeechTurn(slot, current.Epoch, slot - nowMs));
    }

    /// <summary>
    /// The service answered 429 to the request that held <paramref name="turn"/>. The first 429 of an
    /// epoch lowers the factor by <see cref="Slowdown"/>, starts a new epoch (voiding slots handed out at the old rate) and holds the
    /// schedule until the service's wait (or one interval at the new rate). A 429 to a request sent before
    /// the last drop is the same overload heard again: it only holds the schedule for its Retry-After.
    /// </summary>
    public PaceState Throttled(PaceState state, long nowMs, SpeechTurn turn, TimeSpan? retryAfter)
    {
        var current = Recovered(state, nowMs);
        var serviceWaitMs = retryAfter is { } wait && wait > TimeSpan.Zero ? (long)Math.Ceiling(wait.TotalMilliseconds) : 0;
        if (turn.Epoch != current.Epoch)
        {
            return current with { NextAtMs = Math.Max(current.NextAtMs, nowMs + serviceWaitMs) };
        }

        var factor = Math.Max(Floor, current.Factor * Slowdown);
        var pauseMs = Math.Max(serviceWaitMs, (long)Math.Ceiling(IntervalMs(factor, 0)));
        return new PaceState(nowMs + pauseMs, factor, nowMs, current.Epoch + 1);
    }
}
