using System.Globalization;

namespace RoyaAudio.Benchmarks.Service;

/// <summary>
/// Articles a minute of one and of two workers, round by round (one worker first in each round). The target
/// is judged on the ratio of the medians: on a shared 2-core machine a single run can lose a tenth of its
/// throughput to other work, and alternating the two spreads such drift over both sides evenly.
/// </summary>
internal sealed class WorkerRounds
{
    private readonly List<double> _one = [];
    private readonly List<double> _two = [];

    public int Complete => Math.Min(_one.Count, _two.Count);

    public double MedianOne => Median(_one);

    public double MedianTwo => Median(_two);

    public double RatioOfMedians => MedianTwo / MedianOne;

    public void Add(int workers, double perMinute) => (workers == 1 ? _one : _two).Add(perMinute);

    /// <summary>A row per round, then the medians and ranges once every round has both runs.</summary>
    public void Print()
    {
        var table = new MarkdownTable("round", "1 worker, articles/min", "2 workers, articles/min", "2 ÷ 1");
        for (var round = 0; round < Math.Max(_one.Count, _two.Count); round++)
        {
            table.Add((round + 1).ToString(CultureInfo.InvariantCulture), Figure(_one, round), Figure(_two, round),
                round < Complete ? Ratio(_two[round] / _one[round]) : "-");
        }

        if (Complete == _one.Count && Complete == _two.Count && Complete > 0)
        {
            var ratios = _one.Zip(_two, (one, two) => two / one).ToList();
            table.Add("median", Bench.Fixed(MedianOne, 1), Bench.Fixed(MedianTwo, 1), Ratio(RatioOfMedians));
            table.Add("range", Range(_one, 1), Range(_two, 1), Range(ratios, 2) + "×");
        }

        table.Print();
    }

    private static string Figure(List<double> runs, int round) => round < runs.Count ? Bench.Fixed(runs[round], 1) : "-";

    private static string Ratio(double ratio) => Bench.Fixed(ratio) + "×";

    private static string Range(List<double> values, int decimals) => $"{Bench.Fixed(values.Min(), decimals)}-{Bench.Fixed(values.Max(), decimals)}";

    /// <summary>The middle value, or the mean of the two middle ones for an even count.</summary>
    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
