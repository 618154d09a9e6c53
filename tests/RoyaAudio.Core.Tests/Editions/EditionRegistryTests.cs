using RoyaAudio.Editions;

namespace RoyaAudio.Core.Tests.Editions;

/// <summary>The registry of editions: the newsroom's own, in order, and registries of their own that tests build.</summary>
public sealed class EditionRegistryTests
{
    private static Edition Renamed(Edition edition, string code) => edition with { Code = code };

    [Fact]
    public void The_newsroom_publishes_english_then_arabic_and_falls_back_to_english()
    {
        Assert.Equal(["en", "ar"], EditionRegistry.Default.Codes);
        Assert.Same(EnglishEdition.Edition, EditionRegistry.Default.Fallback);
        Assert.Same(ArabicEdition.Edition, EditionRegistry.Default.Find("ar"));
    }

    [Theory]
    [InlineData("EN")]
    [InlineData("fr")]
    [InlineData("")]
    [InlineData(null)]
    public void Only_an_exact_registered_code_finds_an_edition(string? code)
    {
        Assert.Null(EditionRegistry.Default.Find(code));
        Assert.False(EditionRegistry.Default.IsSupported(code));
    }

    [Fact]
    public void A_registry_of_its_own_adds_an_edition_and_leaves_the_newsroom_s_as_it_was()
    {
        var extra = Renamed(EnglishEdition.Edition, "xx");
        var editions = new EditionRegistry([.. EditionRegistry.Default.All, extra]);

        Assert.Same(extra, editions.Find("xx"));
        Assert.Equal(["en", "ar", "xx"], editions.Codes);
        Assert.Null(EditionRegistry.Default.Find("xx"));
        Assert.Equal(["en", "ar"], EditionRegistry.Default.Codes);
    }

    [Theory]
    [InlineData("en", "registered twice")]
    [InlineData("XX", "lower case")]
    [InlineData("", "lower case")]
    public void A_code_registered_twice_or_not_in_lower_case_is_refused(string code, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => new EditionRegistry([EnglishEdition.Edition, Renamed(ArabicEdition.Edition, code)]));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registry_without_editions_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new EditionRegistry([]));
    }

    [Theory]
    [InlineData("en", "ltr")]
    [InlineData("ar", "rtl")]
    public void Each_edition_names_its_direction_as_html_does(string code, string dir)
    {
        Assert.Equal(dir, EditionRegistry.Default.Find(code)!.HtmlDirection);
    }

    [Theory]
    [InlineData("en", "Roya News (English)")]
    [InlineData("ar", "Roya News (العربية)")]
    public void The_feed_title_names_the_edition_in_its_own_language(string code, string title)
    {
        Assert.Equal(title, EditionRegistry.Default.Find(code)!.FeedTitle("Roya News"));
    }
}
