using RoyaAudio.Articles;
using RoyaAudio.Editions;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Tests.Editions;

/// <summary>The newsroom's editions, each through every capability, and the language-code entry points agree with them.</summary>
public sealed class EveryEditionTests : EditionCapabilityTests
{
    protected override EditionRegistry Editions => EditionRegistry.Default;

    protected override IReadOnlyList<Edition> UnderTest => EditionRegistry.Default.All;

    [Fact]
    public void Splitting_by_language_code_follows_the_edition_with_that_code_in_any_case()
    {
        const string Text = "Dr. Smith left. د. أحمد قال، إن الوضع مستقر. Then, etc. It rained.";
        foreach (var edition in UnderTest)
        {
            Assert.Equal(SentenceSplitter.Split(Text, edition), SentenceSplitter.Split(Text, edition.Code));
            Assert.Equal(SentenceSplitter.Split(Text, edition), SentenceSplitter.Split(Text, edition.Code.ToUpperInvariant()));
        }
    }

    [Fact]
    public void The_language_list_and_direction_follow_the_editions()
    {
        Assert.Equal(EditionRegistry.Default.Codes, Languages.Supported);
        foreach (var edition in UnderTest)
        {
            Assert.True(Languages.IsSupported(edition.Code));
            Assert.Equal(edition.Direction == TextDirection.RightToLeft, Languages.IsRightToLeft(edition.Code));
            Assert.True(PageChromeFilter.IsChrome(edition.Player.Listen));
        }
    }
}
