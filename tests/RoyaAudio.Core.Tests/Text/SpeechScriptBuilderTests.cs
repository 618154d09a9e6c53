using RoyaAudio.Articles;

namespace RoyaAudio.Tests.Text;

public class SpeechScriptBuilderTests
{
    private static Article Article(string body, string title = "Putin says Russia remains ‘reliable partner’ to Iran", string language = "en") =>
        new() { Id = "a1", Language = language, Title = title, Body = body };

    [Fact]
    public void Title_is_paragraph_zero_and_body_paragraphs_follow_as_sentences()
    {
        var script = SpeechScriptBuilder.Build(Article("<p>One. Two.</p><p>Three.</p>"), PronunciationLexicon.Empty);

        Assert.Equal(ParagraphRole.Title, script.Paragraphs[0].Role);
        Assert.Equal(["One.", "Two."], script.Paragraphs[1].Sentences.Select(s => s.Text));
        Assert.Equal([0, 1, 2, 3], script.Sentences.Select(s => s.Index));
        Assert.Equal([0, 1, 1, 2], script.Sentences.Select(s => s.Paragraph));
    }

    [Fact]
    public void The_sample_page_copied_whole_keeps_no_gallery_caption_date_or_player_text()
    {
        var page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", "roya-putin-iran-text.json"));
        var script = SpeechScriptBuilder.Build(ArticleReader.Parse(page), PronunciationLexicon.Empty);
        var spoken = string.Join("\n", script.Sentences.Select(s => s.Text));

        foreach (var furniture in new[] { "Welcome to Roya News", "(left)", "gallery", "Listen to this story", "0:00", "AI technology", "Published", "Last Updated", "hours ago" })
        {
            Assert.DoesNotContain(furniture, spoken, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Single(script.Sentences, s => s.Text.StartsWith("Putin says Russia remains", StringComparison.Ordinal));
        Assert.EndsWith("across the Middle East.", script.Sentences.Last().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heading_that_repeats_the_title_is_read_once()
    {
        var script = SpeechScriptBuilder.Build(Article("<h1>Putin says Russia remains 'reliable partner' to Iran</h1><p>Story.</p>"), PronunciationLexicon.Empty);
        Assert.Equal(2, script.SentenceCount);
    }

    [Fact]
    public void The_lexicon_changes_what_is_spoken_but_not_what_is_shown()
    {
        var lexicon = new PronunciationLexicon([new LexiconEntry("en", "Khamenei", "Kha-meh-nay")]);
        var script = SpeechScriptBuilder.Build(Article("<p>Khamenei spoke.</p>"), lexicon);
        var sentence = script.Paragraphs[1].Sentences[0];
        Assert.Equal("Khamenei spoke.", sentence.Text);
        Assert.Equal("Kha-meh-nay spoke.", sentence.Spoken);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("<figure><figcaption>Only a caption</figcaption></figure><script>x()</script>")]
    [InlineData("Image 1 from gallery\n\n0:00")]
    public void A_body_with_nothing_to_read_is_rejected_with_a_reason(string body)
    {
        var error = Assert.Throws<ArticleInputException>(() => SpeechScriptBuilder.Build(Article(body), PronunciationLexicon.Empty));
        Assert.Contains("no readable sentences", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_html_is_still_read_in_order()
    {
        var script = SpeechScriptBuilder.Build(Article("<p>First <b>unclosed. <p>Second</i> para.</div></span>"), PronunciationLexicon.Empty);
        Assert.Equal(["First unclosed.", "Second para."], script.Sentences.Skip(1).Select(s => s.Text));
    }
}
