using RoyaAudio.Articles;
using RoyaAudio.Editions;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Tests.Editions;

/// <summary>
/// A third edition defined only in this test project, registered in a registry of the test's own, passes every
/// capability without another file changing, and the newsroom's registry never sees it.
/// </summary>
public sealed class NewcomerEditionTests : EditionCapabilityTests
{
    protected override EditionRegistry Editions { get; } = new([.. EditionRegistry.Default.All, NewcomerEdition.Edition]);

    protected override IReadOnlyList<Edition> UnderTest => [NewcomerEdition.Edition];

    [Fact]
    public void The_newcomer_s_own_abbreviations_keep_its_sentences_whole()
    {
        // Without the newcomer's rules, "Pr." and "Mme." would each end a sentence.
        Assert.Equal(["Pr. Martin parle.", "Il sourit."], SentenceSplitter.Split("Pr. Martin parle. Il sourit.", NewcomerEdition.Edition));
        Assert.Equal(
            ["Mme. Martin lit la p. 4 du rapport.", "Elle sourit."],
            SentenceSplitter.Split("Mme. Martin lit la p. 4 du rapport. Elle sourit.", NewcomerEdition.Edition));
        Assert.Equal(3, SentenceSplitter.Split("Pr. Martin parle. Il sourit.", EnglishEdition.Edition).Count);
    }

    [Fact]
    public void The_newsroom_s_registry_does_not_see_the_newcomer()
    {
        Assert.Null(EditionRegistry.Default.Find(NewcomerEdition.Edition.Code));
        Assert.False(Languages.IsSupported(NewcomerEdition.Edition.Code));
        Assert.False(PageChromeFilter.IsChrome(NewcomerEdition.Edition.Player.Listen));
        Assert.True(PageChromeFilter.IsChrome(NewcomerEdition.Edition.Player.Listen, Editions));
        Assert.Throws<ArgumentException>(() => SentenceSplitter.Split("Bonjour. Salut.", NewcomerEdition.Edition.Code));
    }
}
