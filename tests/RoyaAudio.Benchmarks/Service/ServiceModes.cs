namespace RoyaAudio.Benchmarks.Service;

/// <summary>
/// The service benchmarks, chosen by the first argument (tests/bench/service-load.sh, soak.sh, workers.sh, cluster-budget.sh).
/// Each runs real server processes in a scratch folder; the folder is removed after a clean run and kept,
/// with the servers' logs, when a run fails (an exception, or exit code 2) or BENCH_KEEP=1.
/// </summary>
internal static class ServiceModes
{
    /// <summary>The exit code of a run that lost, failed or could not finish its work, as against 1 for a missed speed or budget target.</summary>
    public const int CorrectnessFailed = 2;

    private static readonly Dictionary<string, Func<string, CancellationToken, Task<int>>> Modes = new(StringComparer.Ordinal)
    {
        ["service-load"] = ServiceLoadBench.RunAsync,
        ["soak"] = SoakBench.RunAsync,
        ["workers"] = WorkersBench.RunAsync,
        ["cluster-budget"] = ClusterBudgetBench.RunAsync,
    };

    public static bool Handles(string[] args) => args.Length > 0 && Modes.ContainsKey(args[0]);

    public static async Task<int> RunAsync(string mode)
    {
        Bench.KeepStdoutForTables();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => ServiceNode.KillAll();

        var work = Bench.WorkDirectory(mode);
        try
        {
            var code = await Modes[mode](work, stop.Token);
            // 2 is a correctness failure (an article lost or failed): the servers' logs are what explains it.
            if (code == CorrectnessFailed || Environment.GetEnvironmentVariable("BENCH_KEEP") == "1")
            {
                Console.Error.WriteLine($"logs kept in {work}");
            }
            else
            {
                Directory.Delete(work, recursive: true);
            }

            return code;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{mode} failed: {e}");
            Console.Error.WriteLine($"logs kept in {work}");
            return CorrectnessFailed;
        }
        finally
        {
            ServiceNode.KillAll();
        }
    }
}
