namespace RoyaAudio.Server.Security;

/// <summary>
/// Headers every answer carries. Framing is refused except for the embed player, which article pages
/// frame; pages that set their own Content-Security-Policy keep it.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                // What article pages on other sites read, frame or beacon to may be used by any site (CORS and
                // frame-ancestors still decide who gets the answer); everything else (the editors' API and desk,
                // health, metrics) stays on our site, so no other site can pull it in by a no-cors request.
                headers["Cross-Origin-Resource-Policy"] = IsForArticlePages(context.Request.Path) ? "cross-origin" : "same-site";
                if (!context.Request.Path.StartsWithSegments("/embed"))
                {
                    headers.XFrameOptions = "DENY";
                }

                if (context.Request.Path.StartsWithSegments("/api") && !headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });

    /// <summary>
    /// The player's script and styles, the media, the embed pages, the public audio API and captions of an article
    /// (<c>/api/articles/{id}/audio</c>, <c>/audio.vtt</c>, not the editors' routes beside them), the newest bulletin
    /// and listening events.
    /// </summary>
    internal static bool IsForArticlePages(PathString path) =>
        path.StartsWithSegments("/media") || path.StartsWithSegments("/embed") || path == "/player.js" || path == "/player.css"
        || IsPublicApi(path);

    /// <summary>The API article pages call from the browser, under CORS: audio and captions, the newest bulletin, listening events.</summary>
    internal static bool IsPublicApi(PathString path) => path == "/api/events" || IsPublicAudio(path) || IsPublicBulletin(path);

    /// <summary><c>/api/articles/{id}/audio</c> or <c>/api/articles/{id}/audio.vtt</c>.</summary>
    internal static bool IsPublicAudio(PathString path) =>
        path.StartsWithSegments("/api/articles", out var rest) && rest.Value is { } tail
        && tail.Split('/') is [ "", { Length: > 0 }, "audio" or "audio.vtt" ];

    /// <summary><c>/api/bulletins/{language}/latest</c>, not the editors' build and pick beside it.</summary>
    internal static bool IsPublicBulletin(PathString path) =>
        path.StartsWithSegments("/api/bulletins", out var rest) && rest.Value is { } tail && tail.Split('/') is ["", { Length: > 0 }, "latest"];
}
