using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace RoyaAudio.Benchmarks;

/// <summary>
/// One setting for every stage: short runs (2 warm-up, 5 measured iterations) so the whole suite fits
/// in a few minutes on two cores, allocations, operations per second, and rows grouped by stage.
/// </summary>
public sealed class StageConfig : ManualConfig
{
    public StageConfig()
    {
        AddJob(Job.Default.WithWarmupCount(2).WithIterationCount(5).WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.OperationsPerSecond);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
    }
}
