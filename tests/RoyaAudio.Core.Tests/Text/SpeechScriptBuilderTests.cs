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

    [Fact]
    public void The_voice_reads_numbers_money_and_dates_in_words_while_listeners_keep_the_written_sentence()
    {
        var script = SpeechScriptBuilder.Build(Article("<p>It rose 3.5% to JD 1.25m on 21/3/2026.</p>"), PronunciationLexicon.Empty);
        var sentence = script.Paragraphs[1].Sentences[0];
        Assert.Equal("It rose 3.5% to JD 1.25m on 21/3/2026.", sentence.Text);
        Assert.Equal(
            "It rose three point five percent to one point two five million Jordanian dinars on the twenty-first of March twenty twenty-six.",
            sentence.Spoken);
    }

    [Fact]
    public void The_arabic_edition_reads_its_own_numbers()
    {
        var script = SpeechScriptBuilder.Build(
            Article("<p>بلغت الحرارة 35°C في 21/3/2026.</p>", title: "طقس حار", language: "ar"), PronunciationLexicon.Empty);
        var sentence = script.Paragraphs[1].Sentences[0];
        Assert.Equal("بلغت الحرارة 35°C في 21/3/2026.", sentence.Text);
        Assert.Equal("بلغت الحرارة خمس وثلاثون درجة مئوية في الحادي والعشرين من آذار عام ألفين وستة وعشرين.", sentence.Spoken);
    }

    [Fact]
    public void The_lexicon_respells_the_spoken_forms_words()
    {
        // Spoken forms come first, so a respelling of "dinars" reaches the dinars that "JD 5" becomes.
        var lexicon = new PronunciationLexicon([new LexiconEntry("en", "dinars", "dee-nars")]);
        var script = SpeechScriptBuilder.Build(Article("<p>Dr. Haddad paid JD 5.</p>"), lexicon);
        var sentence = script.Paragraphs[1].Sentences[0];
        Assert.Equal("Dr. Haddad paid JD 5.", sentence.Text);
        Assert.Equal("Doctor Haddad paid five Jordanian dee-nars.", sentence.Spoken);
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
