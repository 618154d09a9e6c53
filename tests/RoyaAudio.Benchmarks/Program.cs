using BenchmarkDotNet.Running;
using RoyaAudio.Benchmarks.Service;

// Service benchmarks by name (service-load, soak, workers, cluster-budget: see tests/bench/*.sh); anything else is for the stage benchmarks.
if (ServiceModes.Handles(args))
{
    return await ServiceModes.RunAsync(args[0]);
}

// Stage benchmarks: choose with --filter or --anyCategories, e.g. `-- --filter '*' --join`.
// Each class has its own category and groups by it, so in a joined table every Ratio is against its own class's baseline.
// Exits non-zero when any benchmark failed, so scripts notice a broken stage.
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
