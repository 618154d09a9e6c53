using RoyaAudio.Articles;

namespace RoyaAudio.Tests.Text;

/// <summary>Every sample article is read with no digit left for the voice, in any of the three digit sets.</summary>
public class SampleArticlesSpokenTests
{
    private static List<string> SampleNames => [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Samples"), "*.json")
        .Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> Samples => new(SampleNames);

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_spoken_sentence_of_the_sample_has_no_digit(string sample)
    {
        var article = ArticleReader.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", sample)));
        var script = SpeechScriptBuilder.Build(article, PronunciationLexicon.Empty);

        var withDigits = script.Sentences
            .Where(s => s.Spoken.Any(c => c is >= '0' and <= '9' or >= '٠' and <= '٩' or >= '۰' and <= '۹'))
            .Select(s => $"{s.Index}: {s.Spoken}")
            .ToList();
        Assert.True(withDigits.Count == 0, $"{sample}: digits left for the voice in\n{string.Join("\n", withDigits)}");
    }

    [Fact]
    public void The_english_and_arabic_samples_are_among_them()
    {
        Assert.Contains("roya-putin-iran.json", SampleNames);
        Assert.Contains("roya-amman-weather-ar.json", SampleNames);
    }
}
