using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using RoyaAudio.Articles;
using RoyaAudio.Editions;
using RoyaAudio.Server.Media;
using RoyaAudio.Server.Renditions;
using RoyaAudio.Server.Storage;

namespace RoyaAudio.Server.Player;

/// <summary>
/// <c>/embed/{id}</c> for CMSs that frame the player. The page is complete without JavaScript (a plain audio
/// element and the AI note); with it, the same &lt;roya-listen&gt; that article pages use takes over.
/// </summary>
internal static class EmbedPage
{
    // Encodes markup characters and quotes but keeps Arabic as text, so the page stays readable and small.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static async Task<ContentHttpResult> RenderAsync(string id, HttpContext http, EmbedServices services, PlayerAssets assets)
    {
        var options = services.Player.Value;
        var cancellationToken = http.RequestAborted;
        // One query, as the audio API reads it; an unpublished article is not found (its draft title stays private).
        var article = await services.View.GetAsync(id, cancellationToken);
        var state = article is null ? null : await StateAsync(article, http.Request, services, cancellationToken);

        var language = article?.Language ?? EditionRegistry.Default.Fallback.Code;
        var labels = options.LabelsFor(language);
        // What a listener without JavaScript gets; the script's shadow root hides it and shows the full player.
        var fallback = state switch
        {
            { AudioUrl: { } audio } =>
                $"""<p class="label">{E(labels.Listen)}</p><audio controls preload="none" src="{E(audio)}"><track kind="captions" src="{E(state.CaptionsUrl)}" srclang="{E(language)}" label="{E(labels.Captions)}"></audio>"""
                + (state.DurationMs is { } length ? $"""<p class="length"><time datetime="PT{Durations.Seconds(length)}S">{Durations.Clock(length)}</time></p>""" : "")
                + $"""<p class="note">{E(labels.Note)} {E(state.Disclosure)}</p>"""
                + (state.UpdatedAt is { } updated ? $"""<p class="updated">{E(PlayerDates.Updated(updated, labels))}</p>""" : ""),
            { Preparing: true } => $"""<p class="wait">{E(labels.Preparing)}</p>""",
            _ => "",
        };
        var root = E(http.Request.PathBase.Value ?? "");
        var transcript = http.Request.Query["transcript"].ToString() is "1" or "true" ? " transcript" : "";
        var theme = ThemeOf(http.Request);
        // The empty data: icon spares the frame a request for /favicon.ico.
        var page = $"""
            <!doctype html>
            <html lang="{E(language)}" dir="{E(labels.Direction)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{E(article?.Title)}</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="{root}/player.css?v={assets.Version}">
            <script src="{root}/player.js?v={assets.Version}" defer></script>
            </head>
            <body class="roya-embed"{(theme.Length > 0 ? $" data-theme=\"{theme}\"" : "")}>
            <roya-listen article-id="{E(id)}"{(theme.Length > 0 ? $" theme=\"{theme}\"" : "")}{transcript}>{fallback}</roya-listen>
            </body>
            </html>

            """;

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = Policy(services.Address.Origin(http.Request), state, options);
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        // Ready audio changes rarely and a minute is short; waiting audio must show up as soon as it is ready.
        headers.CacheControl = state?.AudioUrl is not null ? "public, max-age=60" : "no-cache";
        return TypedResults.Content(page, "text/html; charset=utf-8", statusCode: state is null ? StatusCodes.Status404NotFound : StatusCodes.Status200OK);
    }

    /// <summary>Only this service's own script, styles and API; media also from the store's origin when it is a CDN or blob host.</summary>
    /// <param name="self">This service's public origin (scheme and host).</param>
    internal static string Policy(string self, EmbedState? state, PlayerOptions options)
    {
        var media = new[] { state?.AudioUrl, state?.CaptionsUrl }
            .Select(url => url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null)
            .OfType<string>().Where(origin => !string.Equals(origin, self, StringComparison.OrdinalIgnoreCase)).Distinct();
        var framers = options.AllowedOrigins.Select(PlayerOptions.OriginOf).OfType<string>().ToList();
        var ancestors = framers.Count == 0 ? "*" : string.Join(' ', ["'self'", .. framers]);
        return "default-src 'none'; script-src 'self'; style-src 'self'; "
            + $"media-src {string.Join(' ', ["'self'", .. media])}; connect-src 'self'; img-src 'self' data:; "
            + $"frame-ancestors {ancestors}; base-uri 'none'; form-action 'none'";
    }

    /// <summary>?theme=light or dark fixes an embed's colours; anything else is auto (the reader's system setting), "".</summary>
    internal static string ThemeOf(HttpRequest request) => request.Query["theme"].ToString() switch
    {
        "light" => "light",
        "dark" => "dark",
        _ => "",
    };

    private static async Task<EmbedState> StateAsync(ListenerRow article, HttpRequest request, EmbedServices services, CancellationToken cancellationToken)
    {
        var disclosure = services.Publication.Value.DisclosureFor(article.Language);
        if (article is { CurrentId: { } current, CurrentStatus: RenditionStatus.Ready, Mp3Key: { } mp3, VttKey: { } vtt })
        {
            var urls = services.Urls;
            // The length comes from the ready rendition's record, kept in memory after its first read.
            var ready = await services.View.ReadyAudioAsync(current, cancellationToken);
            return new EmbedState(disclosure, urls.For(StorageKey.Parse(mp3), request), urls.For(StorageKey.Parse(vtt), request), Preparing: false)
            {
                DurationMs = ready?.DurationMs,
                UpdatedAt = article.UpdatedAt,
            };
        }

        // Pending exactly when the audio API says so (a newest rendition that became ready a moment ago included).
        return new EmbedState(disclosure, null, null, RenditionStatus.IsPending(AudioEndpoints.PublicStatus(article.LatestStatus)));
    }

    private static string E(string? text) => Html.Encode(text ?? "");
}

/// <summary>What the embed page is made from besides the request, bound from DI.</summary>
internal sealed record EmbedServices(
    ListenerView View, MediaUrls Urls, Hosting.PublicAddress Address, IOptions<PlayerOptions> Player, IOptions<PublicationOptions> Publication);

/// <summary>What a published article's embed shows: the current audio, or whether audio is on its way.</summary>
internal sealed record EmbedState(string Disclosure, string? AudioUrl, string? CaptionsUrl, bool Preparing)
{
    public long? DurationMs { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }
}
