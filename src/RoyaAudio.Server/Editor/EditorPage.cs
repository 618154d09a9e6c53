using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Unicode;
using RoyaAudio.Editions;
using RoyaAudio.Server.Storage;

namespace RoyaAudio.Server.Editor;

/// <summary>
/// <c>/editor</c>: the newsroom's desk for audio. The server sends only the page's frame; /editor.js fills it
/// from the editor API, so nothing an article says is ever written into markup here. The product's own
/// player (/player.js) plays the opened article with its transcript.
/// </summary>
internal static class EditorPage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>What the list can be narrowed to by its newest rendition's status.</summary>
    internal static readonly string[] Statuses = ["ready", "queued", "rendering", "retrying", "failed", "withdrawn", "none"];

    /// <summary>Rows a page of the list holds.</summary>
    internal const int PageSize = 20;

    public static ContentHttpResult Render(HttpContext http, IAudioStore store, EditorAssets assets, string playerVersion, IEnumerable<string> engines, string defaultEngine)
    {
        var root = E(http.Request.PathBase.Value);
        var editor = E(http.User.Identity?.Name);
        var role = E(http.User.FindFirst(ClaimTypes.Role)?.Value ?? "editor");
        var languages = LanguageChoices(EditionRegistry.Default);
        var rightToLeft = RightToLeft(EditionRegistry.Default);
        var statuses = string.Concat(Statuses.Select(s => $"""<option value="{s}">{s}</option>"""));
        var engineChoices = string.Concat(engines.Select(name => $"""<option value="{E(name)}">{E(name)}</option>"""));
        var page = $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>RoyaAudio desk</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="{root}/editor.css?v={assets.Version}">
            <script src="{root}/player.js?v={E(playerVersion)}" defer></script>
            <script src="{root}/editor.js?v={assets.Version}" defer></script>
            </head>
            <body data-root="{root}" data-rtl-languages="{rightToLeft}" data-page-size="{PageSize}" data-default-engine="{E(defaultEngine)}">
            <a class="skip" href="#main">Skip to the desk</a>
            <header class="desk-head">
            <h1>RoyaAudio <span>desk</span></h1>
            <p class="who">Signed in as <strong id="who-name">{editor}</strong> <span class="role" id="who-role">{role}</span></p>
            <form method="post" action="{root}/editor/logout"><button type="submit" class="quiet">Sign out</button></form>
            </header>
            <div class="tabs" role="tablist" aria-label="Desk">
            <button type="button" role="tab" id="tab-articles" aria-controls="articles-panel" aria-selected="true">Articles</button>
            <button type="button" role="tab" id="tab-review" aria-controls="review-panel" aria-selected="false" tabindex="-1">Review <span id="review-count" class="count"></span></button>
            </div>
            <main id="main" tabindex="-1">
            <p id="message" role="status" aria-live="polite"></p>
            <div id="articles-panel" role="tabpanel" aria-labelledby="tab-articles">
            <section aria-labelledby="articles-heading">
            <div class="bar"><h2 id="articles-heading">Articles</h2><button type="button" id="refresh">Refresh</button></div>
            <form id="search" class="filters" role="search" aria-label="Articles">
            <p class="field grow"><label for="q">Title or id</label><input id="q" name="q" type="search" maxlength="200" autocomplete="off" dir="auto"></p>
            <p class="field"><label for="filter-status">Status</label><select id="filter-status" name="status"><option value="">Any status</option>{statuses}</select></p>
            <p class="field"><label for="filter-language">Edition</label><select id="filter-language" name="language"><option value="">Every edition</option>{languages}</select></p>
            <p class="field"><label for="filter-show">Show</label><select id="filter-show" name="filter"><option value="">All articles</option><option value="review">Needs review</option><option value="outdated">Outdated audio</option></select></p>
            <p class="field"><button type="submit">Search</button></p>
            </form>
            <div class="scroll"><table id="articles">
            <caption class="hidden-label">Articles, newest first</caption>
            <thead><tr><th scope="col">Title</th><th scope="col">Edition</th><th scope="col">Status</th><th scope="col">Duration</th><th scope="col">Characters</th><th scope="col">Estimated cost</th><th scope="col">Auto-regenerate</th><th scope="col">Plays</th><th scope="col">Completion</th><th scope="col"><span class="hidden-label">Article</span></th></tr></thead>
            <tbody></tbody>
            </table></div>
            <p id="articles-empty" class="note" hidden>No articles match.</p>
            <nav class="pager" aria-label="Pages of articles">
            <button type="button" id="prev">Previous</button>
            <span id="range" aria-live="polite"></span>
            <button type="button" id="next">Next</button>
            </nav>
            </section>
            <section id="article" aria-labelledby="article-title" hidden>
            <div class="bar"><h2 id="article-title" tabindex="-1"></h2><button type="button" id="close">Close</button></div>
            <p id="article-meta" class="note"></p>
            <div id="preview"></div>
            <h3 id="waveform-heading">Waveform</h3>
            <p class="note" id="waveform-help">Each bar is the loudness of the audio; lines mark where sentences start, hatched sentences were flagged. Choose a sentence (click, or Tab and Enter) to play from it.</p>
            <div id="waveform" class="waveform"></div>
            <h3 id="charts-heading">Listening</h3>
            <div id="charts" class="charts"></div>
            <h3>Regenerate</h3>
            <form id="regenerate" class="line">
            <p class="field"><label for="engine">Engine</label><select id="engine" name="engine">{engineChoices}</select></p>
            <p class="field"><label for="voice">Voice</label><select id="voice" name="voice"></select></p>
            <p class="field"><button type="button" id="hear-voice">Hear it</button></p>
            <p class="field"><button type="submit">Regenerate</button></p>
            <span id="regenerate-status" role="status"></span>
            </form>
            <h3 id="history-heading">Versions</h3>
            <p class="note">Every render of this article, newest first. Listeners hear the version marked "on air"; when it replaced earlier audio, the player says when the audio was updated.</p>
            <div id="history" class="scroll"></div>
            <h3>Script</h3>
            <p id="script-summary" class="note"></p>
            <ol id="script"></ol>
            </section>
            </div>
            <div id="review-panel" role="tabpanel" aria-labelledby="tab-review" hidden>
            <section aria-labelledby="review-heading">
            <div class="bar"><h2 id="review-heading" tabindex="-1">Review</h2><button type="button" id="review-refresh">Refresh</button></div>
            <p class="note">Sentences that verification doubted in audio listeners hear, and renders that failed. Hear each one; accept it, have it read again, or teach the lexicon a word.</p>
            <p id="review-empty" class="note" hidden>Nothing to review.</p>
            <div id="review-list"></div>
            </section>
            </div>
            <section aria-labelledby="lexicon-heading" id="lexicon-section">
            <h2 id="lexicon-heading">Pronunciation lexicon</h2>
            <p class="line"><label for="lexicon-language">Language</label> <select id="lexicon-language">{languages}</select></p>
            <div class="scroll"><table id="lexicon">
            <thead><tr><th scope="col">Term</th><th scope="col">Read as</th><th scope="col"><span class="hidden-label">Entry</span></th></tr></thead>
            <tbody></tbody>
            </table></div>
            <form id="lexicon-entry" class="line">
            <p class="field"><label for="term">Term</label><input id="term" name="term" required maxlength="200" dir="auto" autocomplete="off"></p>
            <p class="field"><label for="spoken">Read as</label><input id="spoken" name="spoken" required maxlength="200" dir="auto" autocomplete="off"></p>
            <p class="field"><button type="submit">Save</button></p>
            </form>
            <div id="lexicon-impact" class="impact" hidden></div>
            <form id="hear" class="line">
            <p class="field grow"><label for="sentence">Sentence</label><input id="sentence" name="sentence" required maxlength="300" dir="auto" autocomplete="off"></p>
            <p class="field"><button type="submit">Hear it</button></p>
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
