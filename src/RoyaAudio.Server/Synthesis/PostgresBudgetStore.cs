using Dapper;
using RoyaAudio.Server.Database;
using RoyaAudio.Synthesis.Remote;

namespace RoyaAudio.Server.Synthesis;

/// <summary>
/// A speech budget every worker process shares: one row of <c>tts_budget</c> per deployment, changed
/// in one short transaction under <c>SELECT … FOR UPDATE</c>, so callers take turns on the row and none
/// is handed a slot another holds. Time is the database's clock, read once the row is locked: every
/// process schedules on the same clock, and each waits only the span until its slot.
/// </summary>
internal sealed class PostgresBudgetStore(AppDatabase database, string budget) : ISpeechBudgetStore
{
    private int _created;

    public string Budget => budget;

    public async ValueTask<T> ChangeAsync<T>(Func<PaceState, long, (PaceState State, T Result)> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var connection = await database.OpenAsync(cancellationToken);
        if (Volatile.Read(ref _created) == 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO tts_budget (budget, next_at, factor, factor_at, epoch, updated_at) VALUES (@Budget, 0, 1, 0, 0, 0) ON CONFLICT (budget) DO NOTHING",
                new { Budget = budget }, cancellationToken: cancellationToken));
            Volatile.Write(ref _created, 1);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Two statements in one round trip: the clock is read after the lock is granted, not before a wait for it.
        using var read = await connection.QueryMultipleAsync(new CommandDefinition(
            """
            SELECT next_at AS NextAt, factor AS Factor, factor_at AS FactorAt, epoch AS Epoch FROM tts_budget WHERE budget = @Budget FOR UPDATE;
            SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint;
            """,
            new { Budget = budget }, transaction, cancellationToken: cancellationToken));
        var row = await read.ReadSingleOrDefaultAsync<Row>();
        var now = await read.ReadSingleAsync<long>();
        if (row is null)
        {
            // The row was deleted since this process created it (a reset by an operator): start afresh.
            Volatile.Write(ref _created, 0);
        }

        var (state, result) = change(row?.State ?? PaceState.Initial, now);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO tts_budget (budget, next_at, factor, factor_at, epoch, updated_at)
            VALUES (@Budget, @NextAtMs, @Factor, @FactorAtMs, @Epoch, @Now)
            ON CONFLICT (budget) DO UPDATE SET next_at = excluded.next_at, factor = excluded.factor,
                factor_at = excluded.factor_at, epoch = excluded.epoch, updated_at = excluded.updated_at
            """,
            new { Budget = budget, state.NextAtMs, state.Factor, state.FactorAtMs, state.Epoch, Now = now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public async ValueTask<long> EpochAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT coalesce(max(epoch), 0) FROM tts_budget WHERE budget = @Budget", new { Budget = budget }, cancellationToken: cancellationToken));
    }

    private sealed record Row(long NextAt, double Factor, long FactorAt, long Epoch)
    {
        public PaceState State => new(NextAt, Factor, FactorAt, Epoch);
    }
}
