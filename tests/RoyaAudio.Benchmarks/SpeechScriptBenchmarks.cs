using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using RoyaAudio.Articles;
using RoyaAudio.Text;

namespace RoyaAudio.Benchmarks;

/// <summary>
/// Article to speech script (extraction, page-furniture filter, normalisation, splitting) with an empty
/// lexicon; the article is parsed from JSON in setup. Baseline: the sample article as the CMS sends
/// it; the ratio is the long roundup's cost relative to it.
/// </summary>
[Config(typeof(StageConfig))]
[BenchmarkCategory("script")]
public class SpeechScriptBenchmarks
{
    private Article? _sample;
    private Article? _long;

    [GlobalSetup]
    public void Setup()
    {
        _sample = SampleArticles.Read(SampleArticles.Sample);
        _long = SampleArticles.Read(SampleArticles.Long);
    }

    [Benchmark(Baseline = true)]
    public SpeechScript SampleArticle() => SpeechScriptBuilder.Build(_sample!, PronunciationLexicon.Empty);

    [Benchmark]
    public SpeechScript LongRoundup() => SpeechScriptBuilder.Build(_long!, PronunciationLexicon.Empty);
}
