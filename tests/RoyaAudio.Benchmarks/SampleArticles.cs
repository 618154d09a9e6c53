using RoyaAudio.Articles;
using RoyaAudio.Text;

namespace RoyaAudio.Benchmarks;

/// <summary>
/// The repository's sample articles. BenchmarkDotNet runs each benchmark from a generated build
/// folder below this project's output, so the samples are found by walking up to the repository root.
/// </summary>
internal static class SampleArticles
{
    public const string Sample = "roya-putin-iran.json";
    public const string Arabic = "roya-amman-weather-ar.json";
    public const string Long = "long-regional-roundup.json";

    private static readonly Lazy<string> Folder = new(Find);

    public static Article Read(string fileName) => ArticleReader.ReadFile(Path.Combine(Folder.Value, fileName));

    /// <summary>The body's paragraphs as the speech script builder hands them to the splitter: extracted, then normalised.</summary>
    public static string[] NormalizedParagraphs(Article article) =>
        [.. ArticleBodyExtractor.Extract(article.Body).Select(TextNormalizer.Normalize).Where(p => p.Length > 0)];

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "samples", "articles");
                if (File.Exists(Path.Combine(candidate, Sample)))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException($"samples/articles not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");
    }
}
