using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace RoyaAudio.Text;

/// <summary>
/// Turns an article body (CMS HTML or plain text) into the paragraphs a reader sees, in order,
/// leaving out what is page furniture rather than story: navigation, figures, galleries, embeds, scripts.
/// </summary>
public static class ArticleBodyExtractor
{
    /// <summary>Elements whose whole subtree is never read aloud.</summary>
    private static readonly HashSet<string> SkippedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "figure", "figcaption",
        "iframe", "embed", "object", "video", "audio", "picture", "img", "svg", "canvas", "form", "button",
        "input", "select", "textarea", "menu", "dialog", "head", "title", "meta", "link",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "blockquote", "pre", "table", "tr", "dl", "dt", "dd", "body", "center", "address",
    };

    /// <summary>Class or id words that mark page chrome in CMS templates (galleries, share bars, bylines, the player).</summary>
    private static readonly HashSet<string> ChromeMarkers = new(StringComparer.Ordinal)
    {
        "gallery", "caption", "share", "social", "byline", "author", "related", "advert", "promo", "newsletter",
        "breadcrumb", "player", "listen", "audio", "dateline", "published", "updated", "tags", "comments",
        "sidebar", "subscribe", "cookie", "disclosure", "highlights", "summary", "dates", "date", "timestamp", "meta",
    };

    /// <summary>Containers that, when present, hold the story itself: everything outside them is page chrome.</summary>
    private static readonly string[] StoryContainerSelectors =
    [
        "[itemprop=articleBody]", ".article-body", ".article-content", ".story-body", ".entry-content", "article", "main",
    ];

    public static IReadOnlyList<string> Extract(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return LooksLikeHtml(body) ? FromHtml(body) : FromPlainText(body);
    }

    /// <summary>A body counts as HTML when it carries at least one element tag; a stray '&lt;' in prose does not.</summary>
    public static bool LooksLikeHtml(string body)
    {
        var index = body.IndexOf('<', StringComparison.Ordinal);
        while (index >= 0 && index + 1 < body.Length)
        {
            var next = body[index + 1];
            if (char.IsAsciiLetter(next) || next == '/' || next == '!')
            {
                return true;
            }

            index = body.IndexOf('<', index + 1);
        }

        return false;
    }

    private static List<string> FromPlainText(string body)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        foreach (var rawLine in body.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.Trim();
            // Page text copied whole puts furniture on lines of its own ("Listen to this story:", "0:00").
            if (line.Length == 0 || PageChromeFilter.IsChrome(line))
            {
                Flush(current, paragraphs);
                continue;
            }

            // A list item starts its own paragraph even without a blank line before it.
            if (TextNormalizer.StartsWithListMarker(line))
            {
                Flush(current, paragraphs);
                paragraphs.Add(line);
                continue;
            }

            if (current.Length > 0)
            {
                current.Append(' ');
            }

            current.Append(line);
        }

        Flush(current, paragraphs);
        return paragraphs;
    }

    private static List<string> FromHtml(string html)
    {
        var parser = new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = parser.ParseDocument(html);
        var root = FindStoryContainer(document) ?? (IElement?)document.Body ?? document.DocumentElement;

        var paragraphs = new List<string>();
        var current = new StringBuilder();
        Walk(root, current, paragraphs);
        Flush(current, paragraphs);
        return paragraphs;
    }

    private static IElement? FindStoryContainer(IDocument document)
    {
        foreach (var selector in StoryContainerSelectors)
        {
            var element = document.QuerySelector(selector);
            if (element is not null && element.TextContent.Trim().Length > 0)
            {
                return element;
            }
        }

        return null;
    }

    private static void Walk(INode node, StringBuilder current, List<string> paragraphs)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    current.Append(text.Data);
                    break;
                case IElement element when IsSkipped(element):
                    // A skipped inline element (an image mid-sentence) must not glue its neighbours together.
                    current.Append(' ');
                    break;
                case IElement { LocalName: "br" }:
                    current.Append('\n');
                    break;
                case IElement { LocalName: "td" or "th" } cell:
                    // A table row is read as one line, its cells as a list: "GDP, 2.1%".
                    Walk(cell, current, paragraphs);
                    current.Append(", ");
                    break;
                case IElement element when BlockElements.Contains(element.LocalName):
                    Flush(current, paragraphs);
                    Walk(element, current, paragraphs);
                    Flush(current, paragraphs);
                    break;
                case IElement element:
                    Walk(element, current, paragraphs);
                    break;
            }
        }
    }

    private static bool IsSkipped(IElement element)
    {
        if (SkippedElements.Contains(element.LocalName) || element.HasAttribute("hidden")
            || string.Equals(element.GetAttribute("aria-hidden"), "true", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Whole words of class names and ids: "share-bar" is furniture, "shared-content" is not.
        var words = (element.ClassName + " " + element.Id).ToLowerInvariant()
            .Split([' ', '-', '_', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return words.Any(word => ChromeMarkers.Contains(word) || word.EndsWith('s') && ChromeMarkers.Contains(word[..^1]));
    }

    private static void Flush(StringBuilder current, List<string> paragraphs)
    {
        if (current.Length == 0)
        {
            return;
        }

        // <br> inside a block separates lines the way blank lines do in plain text.
        foreach (var line in current.ToString().Split('\n'))
        {
            var text = line.Trim().TrimEnd(',').TrimEnd();
            if (text.Length > 0)
            {
                paragraphs.Add(text);
            }
        }

        current.Clear();
    }
}
