using System.Globalization;
using System.Text;
using System.Xml;

namespace RoyaAudio.Server.Listening;

/// <summary>The channel of one language's podcast.</summary>
public sealed record FeedChannel(string Title, string Link, string SelfUrl, string Language, string Description, string Author, string Disclosure);

/// <summary>An episode ready to write: the audio's absolute URL, and an id (the guid) that changes only when the audio does.</summary>
public sealed record FeedItem(string Title, string EpisodeId, DateTimeOffset Published, string AudioUrl, long Bytes, long DurationMs);

/// <summary>
/// Writes RSS 2.0 with the iTunes tags podcast apps read. XmlWriter escapes every value, so a headline with
/// markup stays text; characters XML cannot carry at all are dropped rather than failing the whole feed.
/// </summary>
public static class PodcastFeed
{
    public const string ContentType = "application/rss+xml; charset=utf-8";
    private const string Itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    private const string Atom = "http://www.w3.org/2005/Atom";

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
            if (items.Count > 0)
            {
                Text(xml, "lastBuildDate", Rfc822(items.Max(i => i.Published)));
            }

            xml.WriteElementString("itunes", "author", Itunes, Clean(channel.Author));
            xml.WriteElementString("itunes", "explicit", Itunes, "false");
            xml.WriteStartElement("itunes", "category", Itunes);
            xml.WriteAttributeString("text", "News");
            xml.WriteEndElement();
            foreach (var item in items)
            {
                WriteItem(xml, item, channel.Disclosure);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    private static void WriteItem(XmlWriter xml, FeedItem item, string disclosure)
    {
        xml.WriteStartElement("item");
        Text(xml, "title", item.Title);
        xml.WriteStartElement("guid");
        xml.WriteAttributeString("isPermaLink", "false");
        xml.WriteString(item.EpisodeId);
        xml.WriteEndElement();
        Text(xml, "pubDate", Rfc822(item.Published));
        Text(xml, "description", disclosure);
        xml.WriteStartElement("enclosure");
        xml.WriteAttributeString("url", item.AudioUrl);
        xml.WriteAttributeString("length", item.Bytes.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("type", "audio/mpeg");
        xml.WriteEndElement();
        // Whole seconds, the form every podcast app reads.
        xml.WriteElementString("itunes", "duration", Itunes, Math.Max(1, Player.Durations.Seconds(item.DurationMs)).ToString(CultureInfo.InvariantCulture));
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
