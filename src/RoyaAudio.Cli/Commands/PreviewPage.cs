using System.Net;
using System.Text;
using RoyaAudio.Articles;
using RoyaAudio.Editions;
using RoyaAudio.Rendering;

namespace RoyaAudio.Cli.Commands;

/// <summary>A static page next to the MP3 to hear a render at once: the player, the AI note, the transcript.</summary>
internal static class PreviewPage
{
    public static string Write(RenderedFiles files, Article article)
    {
        var m = files.Manifest;
        // A language without an edition reads like the fallback edition, as the player would show it.
        var edition = EditionRegistry.Default.Find(m.Language) ?? EditionRegistry.Default.Fallback;
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"").Append(m.Language).Append("\" dir=\"").Append(edition.HtmlDirection).Append("\">\n<head><meta charset=\"utf-8\">")
            .Append("<title>").Append(Encode(article.Title)).Append("</title>")
            .Append("<style>body{font:17px/1.6 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem}")
            .Append("audio{width:100%}.note{font-size:.85rem;color:#555}.on{background:#fff3b0}span[data-start]{cursor:pointer}</style></head>\n<body>\n")
            .Append("<h1>").Append(Encode(article.Title)).Append("</h1>\n")
            .Append("<p>").Append(edition.Player.Listen).Append("</p>\n")
            .Append("<audio controls preload=\"none\" src=\"").Append(Encode(Path.GetFileName(files.Mp3Path))).Append("\">")
            .Append("<track kind=\"captions\" default srclang=\"").Append(m.Language).Append("\" src=\"").Append(Encode(Path.GetFileName(files.CaptionsPath))).Append("\"></audio>\n")
            .Append("<p class=\"note\">").Append(edition.Player.Note).Append(' ').Append(Encode(m.Disclosure)).Append("</p>\n<div id=\"transcript\">");
        var paragraph = -1;
        foreach (var sentence in m.Sentences)
        {
            if (sentence.Paragraph != paragraph)
            {
                html.Append(paragraph < 0 ? "<p>" : "</p>\n<p>");
                paragraph = sentence.Paragraph;
            }

            html.Append("<span data-start=\"").Append(sentence.StartMs / 1000.0).Append("\" data-end=\"").Append(sentence.EndMs / 1000.0).Append("\">")
                .Append(Encode(sentence.Text)).Append("</span> ");
        }

        html.Append("</p></div>\n<script>\nconst a=document.querySelector('audio'),s=[...document.querySelectorAll('[data-start]')];\n")
            .Append("a.addEventListener('timeupdate',()=>s.forEach(e=>e.classList.toggle('on',a.currentTime>=+e.dataset.start&&a.currentTime<+e.dataset.end)));\n")
            .Append("s.forEach(e=>e.addEventListener('click',()=>{a.currentTime=+e.dataset.start;a.play()}));\n</script>\n</body>\n</html>\n");

        var path = Path.ChangeExtension(files.Mp3Path, ".html");
        File.WriteAllText(path, html.ToString());
        return path;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
