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
                // Article pages on other sites load the player and its audio; everything else stays on our site.
                var path = context.Request.Path;
                headers["Cross-Origin-Resource-Policy"] =
                    path.StartsWithSegments("/media") || path == "/player.js" || path == "/player.css" ? "cross-origin" : "same-site";
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
}
