using System.ClientModel;
using System.Diagnostics.CodeAnalysis;
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

    /// <summary>
    /// Adds the budget to <paramref name="builder"/>. Polly validates every strategy's options with data annotations,
    /// which reads their members by reflection, so its AddStrategy is marked unsafe for trimming; as Polly does for
    /// its own strategies, the options' members are kept (DynamicDependency) and that one warning is set aside here.
    /// </summary>
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(Options))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.All, typeof(ResilienceStrategyOptions))]
    [UnconditionalSuppressMessage("Trimming", "IL2026:RequiresUnreferencedCode", Justification = "The options' members are preserved by DynamicDependency; they carry no validation attributes beyond Polly's own.")]
    public static ResiliencePipelineBuilder AddTo(ResiliencePipelineBuilder builder, SpeechBudget budget) =>
        builder.AddStrategy(_ => new BudgetStrategy(budget), new Options());

    /// <summary>Polly builds strategies from options; this one has none beyond its name.</summary>
    public sealed class Options : ResilienceStrategyOptions
    {
        public Options() => Name = "speech-budget";
    }
}
