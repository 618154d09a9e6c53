using System.Globalization;
using System.Text;
using System.Xml;

namespace RoyaAudio.Server.Listening;

/// <summary>The channel of one edition's podcast.</summary>
/// <param name="ImageUrl">The cover art: the configured image or the drawn default, always absolute.</param>
/// <param name="Owner">Who the directories write to; null leaves <c>itunes:owner</c> out.</param>
public sealed record FeedChannel(
    string Title, string Link, string SelfUrl, string Language, string Description, string Author, string ImageUrl,
    string Copyright, FeedOwner? Owner);

/// <summary>The show's owner as <c>itunes:owner</c> carries it.</summary>
public sealed record FeedOwner(string Name, string Email);

/// <summary>
/// An episode ready to write. <paramref name="EpisodeGuid"/> names the article for life; the audio URL and size are the
/// current rendition's, and <paramref name="Updated"/> says when that audio was made.
/// </summary>
/// <param name="Published">When the article was published (the CMS's publishedAt, else its first audio).</param>
public sealed record FeedItem(
    string Title, string EpisodeGuid, string Link, string Description, DateTimeOffset Published, DateTimeOffset Updated,
    string AudioUrl, long Bytes, long DurationMs);

/// <summary>
/// Writes RSS 2.0 with the iTunes tags podcast apps read. XmlWriter escapes every value, so a headline with
/// markup stays text; characters XML cannot carry at all are dropped rather than failing the whole feed.
/// </summary>
/// <remarks>
/// Tags follow Apple Podcasts for Creators, "A Podcaster's Guide to RSS" (Podcasts Connect help, itcb54353390):
/// its required show tags (title, description, itunes:image, language, itunes:category, itunes:explicit) and
/// required episode tags (title, enclosure, guid), with the recommended and situational ones that apply here
/// (show: itunes:author, link, itunes:owner, itunes:type, copyright; episode: pubDate, description, link,
/// itunes:duration, itunes:explicit, itunes:episodeType). Spotify reads the same tags and sends its ownership
/// check to itunes:owner's e-mail. RSS's own channel image is written too, for readers without the iTunes tags.
/// </remarks>
public static class PodcastFeed
{
    public const string ContentType = "application/rss+xml; charset=utf-8";
    private const string Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    private const string Atom = "http://www.w3.org/2005/Atom";

    /// <summary>The one Apple category that fits a newsroom's stories read aloud.</summary>
    public const string Category = "News";

    public static byte[] Write(FeedChannel channel, IReadOnlyList<FeedItem> items)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(items);
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), Indent = true };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "itunes", null, Itunes);
            xml.WriteAttributeString("xmlns", "atom", null, Atom);
            xml.WriteStartElement("channel");
            Text(xml, "title", channel.Title);
            Text(xml, "link", channel.Link);
            xml.WriteStartElement("atom", "link", Atom);
            xml.WriteAttributeString("href", channel.SelfUrl);
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("type", "application/rss+xml");
            xml.WriteEndElement();
            Text(xml, "language", channel.Language);
            Text(xml, "description", channel.Description);
            Text(xml, "copyright", channel.Copyright);
            if (items.Count > 0)
            {
                // The feed changes when an episode arrives and when an article's audio is made again.
                Text(xml, "lastBuildDate", Rfc822(items.Max(i => i.Updated > i.Published ? i.Updated : i.Published)));
            }

            xml.WriteStartElement("image");
            Text(xml, "url", channel.ImageUrl);
            Text(xml, "title", channel.Title);
            Text(xml, "link", channel.Link);
            xml.WriteEndElement();
            xml.WriteStartElement("itunes", "image", Itunes);
            xml.WriteAttributeString("href", channel.ImageUrl);
            xml.WriteEndElement();
            xml.WriteElementString("itunes", "author", Itunes, Clean(channel.Author));
            if (channel.Owner is { } owner)
            {
                xml.WriteStartElement("itunes", "owner", Itunes);
                xml.WriteElementString("itunes", "name", Itunes, Clean(owner.Name));
                xml.WriteElementString("itunes", "email", Itunes, Clean(owner.Email));
                xml.WriteEndElement();
            }

            xml.WriteElementString("itunes", "explicit", Itunes, "false");
            xml.WriteElementString("itunes", "type", Itunes, "episodic");
            xml.WriteStartElement("itunes", "category", Itunes);
            xml.WriteAttributeString("text", Category);
            xml.WriteEndElement();
            foreach (var item in items)
            {
                WriteItem(xml, item);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static void WriteItem(XmlWriter xml, FeedItem item)
    {
        xml.WriteStartElement("item");
        Text(xml, "title", item.Title);
        Text(xml, "link", item.Link);
        xml.WriteStartElement("guid");
        xml.WriteAttributeString("isPermaLink", "false");
        xml.WriteString(Clean(item.EpisodeGuid));
        xml.WriteEndElement();
        Text(xml, "pubDate", Rfc822(item.Published));
        // RSS has no date for a changed item; Atom's, which readers of both formats take, says when the audio was made
        // (to the millisecond: a correction rendered within the same second still moves it).
        xml.WriteElementString("atom", "updated", Atom, item.Updated.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        Text(xml, "description", item.Description);
        xml.WriteStartElement("enclosure");
        xml.WriteAttributeString("url", item.AudioUrl);
        xml.WriteAttributeString("length", item.Bytes.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("type", "audio/mpeg");
        xml.WriteEndElement();
        // Whole seconds, the form every podcast app reads.
        xml.WriteElementString("itunes", "duration", Itunes, Math.Max(1, Player.Durations.Seconds(item.DurationMs)).ToString(CultureInfo.InvariantCulture));
        xml.WriteElementString("itunes", "episodeType", Itunes, "full");
        xml.WriteElementString("itunes", "explicit", Itunes, "false");
        xml.WriteEndElement();
    }

    private static void Text(XmlWriter xml, string name, string value) => xml.WriteElementString(name, Clean(value));

    /// <summary>RFC 822 dates as RSS 2.0 wants them, always in GMT.</summary>
    private static string Rfc822(DateTimeOffset time) => time.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);

    /// <summary>Drops control characters and lone surrogates, which no XML document may contain.</summary>
    internal static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                kept.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                kept.Append(text, i, 2);
                i++;
            }
        }

        return kept.ToString();
    }
}
