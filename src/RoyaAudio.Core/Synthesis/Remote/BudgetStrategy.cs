using System.ClientModel;
using Polly;

namespace RoyaAudio.Synthesis.Remote;

/// <summary>
/// The budget's place in the pipeline, inside the circuit breaker and outside the per-request timeout:
/// every attempt that goes out waits for its own turn first (an open circuit spends none), the wait
/// never counts against the request's timeout, and a 429 slows the whole budget down.
/// </summary>
internal sealed class BudgetStrategy(SpeechBudget budget) : ResilienceStrategy
{
    /// <summary>The characters the request sends, for a characters-per-minute budget.</summary>
    public static readonly ResiliencePropertyKey<int> Characters = new("roya.speech.characters");

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        SpeechTurn turn;
        try
        {
            turn = await budget.WaitTurnAsync(context.Properties.GetValue(Characters, 0), context.CancellationToken)
                .ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (Exception e)
        {
            return Outcome.FromException<TResult>(e);
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Exception is ClientResultException { Status: 429 } throttled)
        {
            try
            {
                await budget.ThrottledAsync(turn, SpeechRetryPipeline.ServiceWait(throttled), context.CancellationToken)
                    .ConfigureAwait(context.ContinueOnCapturedContext);
            }
            catch (OperationCanceledException)
            {
                // The render is stopping: its retry will not come, so nothing is lost.
            }
        }

        return outcome;
    }

    /// <summary>Polly builds strategies from options; this one has none beyond its name.</summary>
    public sealed class Options : ResilienceStrategyOptions
    {
        public Options() => Name = "speech-budget";
    }
}
