using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RoyaAudio.Articles;
using RoyaAudio.Editions;
using RoyaAudio.Server.Media;
using RoyaAudio.Server.Player;

namespace RoyaAudio.Server.Bulletins;

/// <summary>
/// <c>/embed/bulletin/{language}</c>: the newest bulletin as a page to frame. Complete without JavaScript (an
/// audio element, the chapter list with start times, the AI note); its small script makes chapters seek.
/// </summary>
internal static class BulletinEmbed
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>
    /// Chapter buttons seek the audio, and the page tells the page around it its height, as the article embed does
    /// (the README's snippet sizes either); served from this service so the page's policy allows no inline script.
    /// </summary>
    private const string ChapterScript =
        """
        document.querySelectorAll('[data-start]').forEach(b => b.addEventListener('click', () => {
          const a = document.querySelector('audio'); a.currentTime = Number(b.dataset.start) / 1000; a.play();
        }));
        if (window.parent !== window && window.ResizeObserver) {
          let told = 0;
          new ResizeObserver(() => {
            const height = Math.ceil(document.body.getBoundingClientRect().height);
            if (height !== told) {
              told = height;
              window.parent.postMessage({ type: 'roya-audio:height', bulletin: document.documentElement.lang, height }, '*');
            }
          }).observe(document.body);
        }
        """;

    public static IResult Script(HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.Text(ChapterScript, "text/javascript; charset=utf-8");
    }

    /// <summary>What the page is made from besides the request, bound from DI.</summary>
    internal sealed record Embedding(BulletinStore Bulletins, MediaUrls Urls, Hosting.PublicAddress Address, IOptions<PlayerOptions> Player, IOptions<PublicationOptions> Publication);

    public static async Task<ContentHttpResult> RenderAsync(string language, HttpContext http, [AsParameters] Embedding services)
    {
        var edition = EditionRegistry.Default.Find(language);
        var code = edition?.Code ?? EditionRegistry.Default.Fallback.Code;
        var labels = services.Player.Value.LabelsFor(code);
        var latest = edition is null ? null : await Latest.ReadAsync(services.Bulletins, services.Urls, code, http.Request, http.RequestAborted);
        var disclosure = services.Publication.Value.DisclosureFor(code);
        var body = latest is { Url: { } url }
            ? $"""
              <h1>{E(latest.Title)}</h1>
              <audio controls preload="none" src="{E(url)}"></audio>
              <ol class="chapters">{string.Concat(latest.Chapters.Select(c =>
                  $"""<li><button type="button" data-start="{c.StartMs.ToString(CultureInfo.InvariantCulture)}"><time>{Clock(c.StartMs)}</time> {E(c.Title)}</button></li>"""))}</ol>
              <p class="note">{E(labels.Note)} {E(disclosure)}</p>
              """
            : $"""<p class="wait">{E(labels.Preparing)}</p>""";
        var root = E(http.Request.PathBase.Value ?? "");
        // As the article embed: ?theme=light or dark fixes the colours, anything else follows the reader's system.
        var theme = EmbedPage.ThemeOf(http.Request) is { Length: > 0 } fixedTheme ? $" data-theme=\"{fixedTheme}\"" : "";
        var page = $"""
            <!doctype html>
            <html lang="{E(code)}" dir="{E(labels.Direction)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{E(latest?.Title ?? "")}</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="{root}/player.css">
            <script src="{root}/embed/bulletin.js" defer></script>
            </head>
            <body class="roya-embed roya-bulletin"{theme}>
            <div class="roya">
            {body}
            </div>
            </body>
            </html>

            """;
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = EmbedPage.Policy(services.Address.Origin(http.Request), new EmbedState(disclosure, latest?.Url, null, false), services.Player.Value);
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = latest?.Url is not null ? "public, max-age=60" : "no-cache";
        return TypedResults.Content(page, "text/html; charset=utf-8", statusCode: edition is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
    }

    /// <summary>Where a chapter starts: a place, so whole seconds gone, as the player counts the place it plays.</summary>
    private static string Clock(long ms) => Durations.Clock(ms / 1000 * 1000);

    private static string E(string? text) => Html.Encode(text ?? "");
}
