using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Unicode;
using RoyaAudio.Editions;
using RoyaAudio.Server.Storage;

namespace RoyaAudio.Server.Editor;

/// <summary>
/// <c>/editor</c>: the newsroom's desk for audio. The server sends only the page's frame; /editor.js fills it
/// from the editor API, so nothing an article says is ever written into markup here.
/// </summary>
internal static class EditorPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static ContentHttpResult Render(HttpContext http, IAudioStore store, EditorAssets assets)
    {
        var root = E(http.Request.PathBase.Value);
        var editor = E(http.User.Identity?.Name);
        var languages = LanguageChoices(EditionRegistry.Default);
        var rightToLeft = RightToLeft(EditionRegistry.Default);
        var page = $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>RoyaAudio editors</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="{root}/editor.css?v={assets.Version}">
            <script src="{root}/editor.js?v={assets.Version}" defer></script>
            </head>
            <body data-root="{root}" data-rtl-languages="{rightToLeft}">
            <header>
            <h1>RoyaAudio editors</h1>
            <p class="who">Signed in as {editor}</p>
            <form method="post" action="{root}/editor/logout"><button type="submit">Sign out</button></form>
            </header>
            <main>
            <p id="message" role="status" aria-live="polite"></p>
            <section aria-labelledby="articles-heading">
            <div class="bar"><h2 id="articles-heading">Recent articles</h2><button type="button" id="refresh">Refresh</button></div>
            <div class="scroll"><table id="articles">
            <thead><tr><th scope="col">Title</th><th scope="col">Language</th><th scope="col">Status</th><th scope="col">Duration</th><th scope="col">Characters</th><th scope="col">Estimated cost</th><th scope="col">Auto-regenerate</th><th scope="col">Plays</th><th scope="col">Completion</th><th scope="col"><span class="hidden-label">Article</span></th></tr></thead>
            <tbody></tbody>
            </table></div>
            <p id="articles-empty" class="note" hidden>No articles yet.</p>
            </section>
            <section id="article" aria-labelledby="article-title" hidden>
            <div class="bar"><h2 id="article-title" tabindex="-1"></h2><button type="button" id="close">Close</button></div>
            <p id="article-meta" class="note"></p>
            <div id="preview"></div>
            <form id="regenerate" class="line">
            <label for="voice">Voice</label>
            <input id="voice" name="voice" maxlength="64" autocomplete="off" spellcheck="false" placeholder="the article's current voice">
            <button type="submit">Regenerate</button>
            <span id="regenerate-status" role="status"></span>
            </form>
            <h3>Script</h3>
            <p id="script-summary" class="note"></p>
            <ol id="script"></ol>
            </section>
            <section aria-labelledby="lexicon-heading">
            <h2 id="lexicon-heading">Pronunciation lexicon</h2>
            <p class="line"><label for="lexicon-language">Language</label> <select id="lexicon-language">{languages}</select></p>
            <div class="scroll"><table id="lexicon">
            <thead><tr><th scope="col">Term</th><th scope="col">Read as</th><th scope="col"><span class="hidden-label">Entry</span></th></tr></thead>
            <tbody></tbody>
            </table></div>
            <form id="lexicon-entry" class="line">
            <label for="term">Term</label> <input id="term" name="term" required maxlength="200" dir="auto" autocomplete="off">
            <label for="spoken">Read as</label> <input id="spoken" name="spoken" required maxlength="200" dir="auto" autocomplete="off">
            <button type="submit">Save</button>
            </form>
            <form id="hear" class="line">
            <label for="sentence">Sentence</label> <input id="sentence" name="sentence" required maxlength="300" dir="auto" autocomplete="off">
            <button type="submit">Hear it</button>
            <span id="hear-status" role="status"></span>
            </form>
            </section>
            </main>
            </body>
            </html>

            """;

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = Policy(store);
        headers.CacheControl = "no-store";
        return TypedResults.Content(page, "text/html; charset=utf-8");
    }

    /// <summary>The lexicon's language choices: one option per edition, named as the desk (in English) calls it.</summary>
    internal static string LanguageChoices(EditionRegistry editions) => string.Concat(editions.All.Select(edition =>
        $"""<option value="{E(edition.Code)}" lang="{E(edition.Code)}">{E(edition.Name)}</option>"""));

    /// <summary>The codes of the right-to-left editions, space-separated, so the script sets an article's direction without knowing any language.</summary>
    internal static string RightToLeft(EditionRegistry editions) =>
        E(string.Join(' ', editions.All.Where(edition => edition.Direction == TextDirection.RightToLeft).Select(edition => edition.Code)));

    /// <summary>Our own script, styles and API only; audio also from the store's origin when a CDN or blob host serves it.</summary>
    internal static string Policy(IAudioStore store)
    {
        var probe = store.PublicUrl(StorageKey.ForAudio("probe", new string('0', 64), "mp3"));
        var media = probe is null ? "'self'" : $"'self' {probe.GetLeftPart(UriPartial.Authority)}";
        return "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + $"media-src {media}; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    }

    private static string E(string? text) => Html.Encode(text ?? "");
}
