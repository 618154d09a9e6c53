using Microsoft.Extensions.Options;
using RoyaAudio.Server.Security;

namespace RoyaAudio.Server.Player;

/// <summary>The "Listen to this story" player: script, styles, the web component and the embed page.</summary>
public static class PlayerEndpoints
{
    public static void MapPlayer(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Built on first use, after the options have been validated at start.
        var assets = new Lazy<PlayerAssets>(() => PlayerAssets.Load(app.ServiceProvider.GetRequiredService<IOptions<PlayerOptions>>().Value));

        app.MapMethods("/player.js", ["GET", "HEAD"], (HttpContext http) => assets.Value.Serve(assets.Value.Script, http))
            .WithTags("Listeners").WithSummary("The player's script: defines <roya-listen article-id=\"…\" transcript>")
            .Produces(StatusCodes.Status200OK, contentType: "text/javascript").Produces(StatusCodes.Status304NotModified);
        app.MapMethods("/player.css", ["GET", "HEAD"], (HttpContext http) => assets.Value.Serve(assets.Value.Styles, http))
            .WithTags("Listeners").WithSummary("The player's styles")
            .Produces(StatusCodes.Status200OK, contentType: "text/css").Produces(StatusCodes.Status304NotModified);
        app.MapGet("/embed/{id}", (string id, HttpContext http, [AsParameters] EmbedServices services) => EmbedPage.RenderAsync(id, http, services, assets.Value))
            .RequireRateLimiting(RateLimitOptions.Public)
            .WithTags("Listeners").WithSummary("The player as a page to frame (?transcript=1 adds the transcript); works without JavaScript")
            .Produces(StatusCodes.Status200OK, contentType: "text/html").Produces(StatusCodes.Status404NotFound, contentType: "text/html");
    }
}
