using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RoyaAudio.Text;

namespace RoyaAudio.Benchmarks;

/// <summary>
/// SentenceSplitter over each sample article's body, paragraph by paragraph as the speech script builder
/// calls it (extracted and normalised in setup). One operation is one sentence, so Op/s reads as
/// sentences per second. Baseline: the English sample article; the ratio is the cost per sentence
/// relative to it (the long roundup shows whether the scan stays linear).
/// </summary>
[Config(typeof(StageConfig))]
[BenchmarkCategory("sentences")]
public class SentenceSplitterBenchmarks
{
    // OperationsPerInvoke must be a constant: these are the sentences each body splits into today.
    // Setup fails, naming the new count, if a change to the splitter or the samples moves them.
    private const int SampleSentences = 9;
    private const int ArabicSentences = 12;
    private const int LongSentences = 498;

    private string[] _sample = [];
    private string[] _arabic = [];
    private string[] _long = [];

    [GlobalSetup]
    public void Setup()
    {
        var stale = new List<string>();
        _sample = Load(SampleArticles.Sample, "en", SampleSentences, nameof(SampleSentences), stale);
        _arabic = Load(SampleArticles.Arabic, "ar", ArabicSentences, nameof(ArabicSentences), stale);
        _long = Load(SampleArticles.Long, "en", LongSentences, nameof(LongSentences), stale);
        if (stale.Count > 0)
        {
            throw new InvalidOperationException($"sentence counts changed, so per-sentence times would be wrong: {string.Join("; ", stale)}");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = SampleSentences)]
    public int Sample_en() => SplitAll(_sample, "en");

    [Benchmark(OperationsPerInvoke = ArabicSentences)]
    public int Weather_ar() => SplitAll(_arabic, "ar");

    [Benchmark(OperationsPerInvoke = LongSentences)]
    public int LongRoundup_en() => SplitAll(_long, "en");

    private static int SplitAll(string[] paragraphs, string language)
    {
        var sentences = 0;
        foreach (var paragraph in paragraphs)
        {
            sentences += SentenceSplitter.Split(paragraph, language).Count;
        }

        return sentences;
    }

    private static string[] Load(string file, string language, int expected, string constant, List<string> stale)
    {
        var paragraphs = SampleArticles.NormalizedParagraphs(SampleArticles.Read(file));
        var actual = SplitAll(paragraphs, language);
        if (actual != expected)
        {
            stale.Add($"{file} splits into {actual}, not {expected}: set {constant} = {actual}");
        }

        return paragraphs;
    }
}
