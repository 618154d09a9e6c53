using System.Xml.Linq;
using RoyaAudio.Server.Listening;
using System.Text;

namespace RoyaAudio.Server.Tests.Listening;

/// <summary>What a beacon body may be, and that no title can break the feed's XML.</summary>
public sealed class ListeningEventReadingTests
{
    [Theory]
    [InlineData("play", Milestone.Play)]
    [InlineData("25", Milestone.Reached25)]
    [InlineData("50", Milestone.Reached50)]
    [InlineData("75", Milestone.Reached75)]
    [InlineData("100", Milestone.Completed)]
    public void Each_known_event_is_its_milestone(string name, Milestone expected)
    {
        var reading = ListeningEvent.Read(Encoding.UTF8.GetBytes($$"""{"event":"{{name}}","articleId":"council-budget-vote","extra":[1]}"""));
        Assert.Equal(new ListeningEvent("council-budget-vote", expected), reading.Event);
    }

    [Fact]
    public void A_byte_order_mark_is_ignored()
    {
        var reading = ListeningEvent.Read([0xEF, 0xBB, 0xBF, .. """{"articleId":"a","event":"play"}"""u8]);
        Assert.Equal(new ListeningEvent("a", Milestone.Play), reading.Event);
    }

    [Theory]
    [InlineData("""{"articleId":"a","event":"PLAY"}""", 422)]
    [InlineData("""{"articleId":"a","event":"25%"}""", 422)]
    [InlineData("""{"articleId":"a","event":null}""", 422)]
    [InlineData("""{"articleId":null,"event":"play"}""", 422)]
    [InlineData("""{"articleId":"","event":"play"}""", 422)]
    [InlineData("""{"articleId":"-leading-dash","event":"play"}""", 422)]
    [InlineData("""{"articleId":"a/b","event":"play"}""", 422)]
    [InlineData("""{"articleId":"a..b","event":"play"}""", 422)]
    [InlineData("""{"articleId":"a\nb","event":"play"}""", 422)]
    [InlineData("""{"articleId":"a\u0000","event":"play"}""", 422)]
    [InlineData("""{"articleId":"\ud800","event":"play"}""", 400)]
    [InlineData("""{"articleId":"a","event":"\udc00"}""", 400)]
    [InlineData("\"play\"", 422)]
    [InlineData("null", 422)]
    [InlineData("{\"articleId\":\"a\",\"event\":\"play\"", 400)]
    [InlineData("articleId=a&event=play", 400)]
    [InlineData("{'articleId':'a','event':'play'}", 400)]
    public void Malformed_or_wrong_bodies_are_refused_with_a_reason(string body, int status)
    {
        var reading = ListeningEvent.Read(Encoding.UTF8.GetBytes(body));
        Assert.Null(reading.Event);
        Assert.Equal(status, reading.Status);
        Assert.False(string.IsNullOrEmpty(reading.Problem));
    }

    [Fact]
    public void An_id_of_128_characters_is_an_article_id_and_129_is_not()
    {
        Assert.True(ListeningEvent.IsArticleId(new string('a', 128)));
        Assert.False(ListeningEvent.IsArticleId(new string('a', 129)));
    }

    [Fact]
    public void Characters_XML_cannot_carry_are_dropped_and_markup_stays_text()
    {
        var channel = new FeedChannel(
            "Roya News (English)", "https://www.roya-news.example/", "https://audio.example/feed/en.xml", "en", "d", "Roya News",
            "https://audio.example/feed/en/cover.png", "© Roya News", Owner: null);
        const string title = "Vote\u0001 tonight <b>live</b> \ud800& 🎙️ \uFFFE";
        var xml = PodcastFeed.Write(channel, [new FeedItem(
            title, "roya-audio:council-budget-vote", "https://www.roya-news.example/council-budget-vote", "AI",
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "https://audio.example/a.mp3", 10, 1500)]);
        var item = XDocument.Parse(Encoding.UTF8.GetString(xml)).Root!.Element("channel")!.Element("item")!;
        Assert.Equal("Vote tonight <b>live</b> & 🎙️ ", item.Element("title")!.Value);
        Assert.Equal("Thu, 01 Jan 1970 00:00:00 GMT", item.Element("pubDate")!.Value);
        Assert.Equal("2", item.Element(XNamespace.Get("http://www.itunes.com/dtds/podcast-1.0.dtd") + "duration")!.Value);
    }
}
