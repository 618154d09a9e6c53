namespace RoyaAudio.Synthesis.Remote;

/// <summary>
/// Where one speech budget's <see cref="PaceState"/> lives: this process's memory, or a row every
/// worker of the cluster shares. The schedule is one calculation (<see cref="SpeechPace"/>); a store
/// only keeps its state, changes it one caller at a time, and tells the time on one clock for all callers.
/// </summary>
public interface ISpeechBudgetStore
{
    /// <summary>
    /// Reads the state (<see cref="PaceState.Initial"/> before first use), applies <paramref name="change"/>
    /// to it with the store's current time in unix ms, saves the new state and returns the result, with no
    /// other change in between.
    /// </summary>
    ValueTask<T> ChangeAsync<T>(Func<PaceState, long, (PaceState State, T Result)> change, CancellationToken cancellationToken);

    /// <summary>The epoch now, read without holding anyone up: has a 429 voided a slot handed out earlier?</summary>
    ValueTask<long> EpochAsync(CancellationToken cancellationToken);
}
