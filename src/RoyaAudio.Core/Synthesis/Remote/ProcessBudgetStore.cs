namespace RoyaAudio.Synthesis.Remote;

/// <summary>A budget kept in this process's memory: the CLI, the embedded single-process service, and <c>Tts:Budget=process</c>.</summary>
public sealed class ProcessBudgetStore(TimeProvider? time = null) : ISpeechBudgetStore
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private PaceState _state = PaceState.Initial;

    public ValueTask<T> ChangeAsync<T>(Func<PaceState, long, (PaceState State, T Result)> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            var (state, result) = change(_state, _time.GetUtcNow().ToUnixTimeMilliseconds());
            _state = state;
            return ValueTask.FromResult(result);
        }
    }

    public ValueTask<long> EpochAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_state.Epoch);
        }
    }
}
