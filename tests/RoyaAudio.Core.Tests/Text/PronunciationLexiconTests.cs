namespace RoyaAudio.Tests.Text;

public class PronunciationLexiconTests
{
    private static readonly PronunciationLexicon Lexicon = new(
    [
        new LexiconEntry("en", "Khamenei", "Kha-meh-nay"),
        new LexiconEntry("en", "Mojtaba Khamenei", "Moj-ta-ba Kha-meh-nay"),
        new LexiconEntry("ar", "عمّان", "عمان"),
    ]);

    [Fact]
    public void Replaces_whole_words_only_and_prefers_the_longest_term()
    {
        Assert.Equal("Moj-ta-ba Kha-meh-nay met Kha-meh-nay's aides; Khameneism stays.",
            Lexicon.Apply("Mojtaba Khamenei met Khamenei's aides; Khameneism stays.", "en"));
    }

    [Fact]
    public void An_acronym_respells_only_the_acronym_and_a_respelling_is_taken_literally()
    {
        var lexicon = new PronunciationLexicon([new LexiconEntry("en", "WHO", "the World Health Organization"), new LexiconEntry("en", "Nowruz", "$_ No-rooz $1")]);
        Assert.Equal("Those who saw the World Health Organization report.", lexicon.Apply("Those who saw WHO report.", "en"));
        Assert.Equal("On $_ No-rooz $1 today.", lexicon.Apply("On Nowruz today.", "en"));
    }

    [Fact]
    public void Applies_only_the_article_language_entries()
    {
        Assert.Equal("Khamenei", Lexicon.Apply("Khamenei", "ar"));
        Assert.Equal("في عمان اليوم", Lexicon.Apply("في عمّان اليوم", "ar"));
    }

    [Fact]
    public void A_lexicon_file_with_an_unknown_language_is_rejected_by_name()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{"fr": {"a": "b"}}""");
        var error = Assert.Throws<RoyaAudio.Articles.ArticleInputException>(() => PronunciationLexicon.ReadFile(path));
        Assert.Contains("unknown language 'fr'", error.Message, StringComparison.Ordinal);
        File.Delete(path);
    }
}
