namespace RoyaAudio.Tests.Text;

public class ArticleBodyExtractorTests
{
    [Fact]
    public void Html_body_keeps_story_paragraphs_and_drops_figures_scripts_and_embeds()
    {
        var paragraphs = ArticleBodyExtractor.Extract("""
            <p>First <b>bold</b> paragraph.</p>
            <figure><img src="x.jpg"><figcaption>A caption nobody should hear</figcaption></figure>
            <script>alert('no')</script><style>p{}</style>
            <iframe src="https://video"></iframe>
            <h2>A heading</h2>
            <ul><li>One item</li><li>Two item</li></ul>
            <div class="share-bar">Share on X</div>
            <p>Line one<br>Line two</p>
            """);

        Assert.Equal(["First bold paragraph.", "A heading", "One item", "Two item", "Line one", "Line two"], paragraphs);
    }

    [Fact]
    public void A_whole_page_is_reduced_to_its_article_body()
    {
        var paragraphs = ArticleBodyExtractor.Extract("""
            <html><body><header><nav>Home</nav></header>
            <div class="gallery">Image 1 from gallery</div>
            <div itemprop="articleBody"><p>The story.</p><p>More story.</p></div>
            <footer>All rights reserved</footer></body></html>
            """);

        Assert.Equal(["The story.", "More story."], paragraphs);
    }

    [Fact]
    public void Plain_text_paragraphs_are_separated_by_blank_lines_and_wrapped_lines_are_joined()
    {
        var paragraphs = ArticleBodyExtractor.Extract("One line\ncontinues here.\n\nSecond paragraph.\n• a bullet\n• another");

        Assert.Equal(["One line continues here.", "Second paragraph.", "• a bullet", "• another"], paragraphs);
    }

    [Fact]
    public void Class_names_are_matched_as_words_and_times_in_prose_are_read()
    {
        var paragraphs = ArticleBodyExtractor.Extract("""
            <div class="story shared-content"><p>Talks resume on <time datetime="2026-11-30">Monday</time> in Amman.</p></div>
            <div class="share-bar">Share on X</div>
            """);

        Assert.Equal(["Talks resume on Monday in Amman."], paragraphs);
    }

    [Fact]
    public void A_table_row_is_read_as_one_line_and_keeps_its_numbers()
    {
        var paragraphs = ArticleBodyExtractor.Extract("<table><tr><th>Item</th><th>Value</th></tr><tr><td>GDP</td><td>2.1%</td></tr></table>");
        Assert.Equal(["Item, Value", "GDP, 2.1%"], paragraphs);
    }

    [Theory]
    [InlineData("Prices rose 3 < 4 percent.", false)]
    [InlineData("<p>x</p>", true)]
    [InlineData("a <!-- comment --> b", true)]
    public void Html_is_recognised_by_its_tags_not_by_any_angle_bracket(string body, bool html) =>
        Assert.Equal(html, ArticleBodyExtractor.LooksLikeHtml(body));
}
