using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RoyaAudio.Stitching;

namespace RoyaAudio.Benchmarks;

/// <summary>
/// Timing recovery inside a packed unit: PartAligner over a 30 s synthetic unit of nine sentences with
/// eight pauses (200–300 ms) between them, character counts roughly proportional to their length as
/// real text is. One operation is one unit. Setup checks every boundary lands in its pause, so the
/// pause search is what is measured, not the proportional fallback.
/// </summary>
[Config(typeof(StageConfig))]
[BenchmarkCategory("align")]
public class PartAlignerBenchmarks
{
    private const int SampleRate = 24000;
    private const double SilenceThresholdDbfs = -50;

    private static readonly int[] SentenceMs = [3100, 2600, 3900, 2900, 3400, 2700, 3600, 3000, 2800];
    private static readonly int[] PauseMs = [220, 260, 300, 240, 280, 200, 250, 250];

    private float[] _speech = [];
    private int[] _characters = [];

    [GlobalSetup]
    public void Setup()
    {
        _speech = SyntheticSpeech.Unit(SampleRate, SentenceMs, PauseMs, seed: 30);
        // About 15 characters a second, give or take 8%, as speaking rates vary from sentence to sentence.
        _characters = [.. SentenceMs.Select((ms, i) => (int)Math.Round(ms * 0.015 * (i % 2 == 0 ? 1.08 : 0.92)))];

        var spans = Align();
        var pauseStart = 0;
        for (var k = 0; k < PauseMs.Length; k++)
        {
            pauseStart += SentenceMs[k] * SampleRate / 1000;
            var pauseEnd = pauseStart + (PauseMs[k] * SampleRate / 1000);
            if (spans[k].End < pauseStart || spans[k].End > pauseEnd || spans[k + 1].Start < pauseStart || spans[k + 1].Start > pauseEnd)
            {
                throw new InvalidOperationException(
                    $"boundary {k} was placed at {spans[k].End}..{spans[k + 1].Start}, outside its pause {pauseStart}..{pauseEnd}");
            }

            pauseStart = pauseEnd;
        }
    }

    [Benchmark]
    public IReadOnlyList<(int Start, int End)> Align() => PartAligner.Align(_speech, _characters, SampleRate, SilenceThresholdDbfs);
}
