namespace RoyaAudio.Tests.Text;

public class PageChromeFilterTests
{
    [Theory]
    [InlineData("Image 1 from gallery")]
    [InlineData("Listen to this story:")]
    [InlineData("0:00")]
    [InlineData("Note: AI technology was used to generate this article’s audio.")]
    [InlineData("Published :")]
    [InlineData("Last Updated :")]
    [InlineData("8 hours ago|")]
    [InlineData("1")]
    [InlineData("By John Smith")]
    [InlineData("Follow us on X")]
    [InlineData("Follow us on Facebook, Instagram & X")]
    [InlineData("استمع إلى هذا الخبر:")]
    [InlineData("آخر تحديث:")]
    public void Page_furniture_is_recognised(string line) => Assert.True(PageChromeFilter.IsChrome(line));

    [Theory]
    [InlineData("Published figures show the economy grew by 3 percent last year, the ministry said.")]
    [InlineData("By midnight the crowd had gone home.")]
    [InlineData("The photo gallery opened in Amman on Sunday.")]
    [InlineData("Listen to this: the minister said no.")]
    public void Story_sentences_that_mention_such_words_are_kept(string line) => Assert.False(PageChromeFilter.IsChrome(line));

    [Fact]
    public void The_page_header_up_to_a_repeated_title_is_skipped()
    {
        string[] paragraphs = ["Welcome to the site.", "Caption (left)", "The ‘Big’ Title", "Story."];
        Assert.Equal(3, PageChromeFilter.StoryStartAfterRepeatedTitle(paragraphs, "The 'Big' Title"));
        Assert.Equal(0, PageChromeFilter.StoryStartAfterRepeatedTitle(paragraphs, "Another title"));
    }
}
