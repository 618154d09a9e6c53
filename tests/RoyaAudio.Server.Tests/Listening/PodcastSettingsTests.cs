using System.Xml.Linq;
using RoyaAudio.Server.Tests.Support;

namespace RoyaAudio.Server.Tests.Listening;

/// <summary>The <c>Podcast</c> settings: an edition's own cover art, the owner, and the start-up check of both.</summary>
[Collection(ServiceTests.Name)]
public sealed class PodcastSettingsTests
{
    private static readonly XNamespace Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";

    [Fact]
    public async Task An_edition_with_its_own_cover_art_names_it_and_the_other_keeps_the_drawn_one()
    {
        const string cover = "https://cdn.roya-news.example/podcast/english-3000.jpg";
        using var service = new TestService(postgres: null, new Dictionary<string, string?> { ["Podcast:en:ImageUrl"] = cover });
        using var http = service.CreateClient();

        var english = XDocument.Parse(await http.GetStringAsync("/feed/en.xml")).Root!.Element("channel")!;
        Assert.Equal(cover, (string?)english.Element(Itunes + "image")?.Attribute("href"));
        Assert.Equal(cover, (string?)english.Element("image")?.Element("url"));
        var arabic = XDocument.Parse(await http.GetStringAsync("/feed/ar.xml")).Root!.Element("channel")!;
        var drawn = new Uri((string)arabic.Element(Itunes + "image")!.Attribute("href")!);
        Assert.Equal("/feed/ar/cover.png", drawn.AbsolutePath);

        // No owner e-mail set: no owner is made up.
        Assert.Null(english.Element(Itunes + "owner"));
    }

    [Theory]
    [InlineData("Podcast:ar:ImageUrl", "cover.png")]
    [InlineData("Podcast:en:ImageUrl", "ftp://files.example/cover.png")]
    [InlineData("Podcast:OwnerEmail", "podcasts at roya")]
    [InlineData("Podcast:GuidPrefix", "roya audio")]
    public void A_podcast_setting_that_cannot_work_stops_the_start_naming_the_setting(string setting, string value)
    {
        using var service = new TestService(postgres: null, new Dictionary<string, string?> { [setting] = value });
        var failure = Assert.ThrowsAny<Exception>(() => service.CreateClient());
        Assert.Contains(setting, failure.ToString(), StringComparison.Ordinal);
    }
}
