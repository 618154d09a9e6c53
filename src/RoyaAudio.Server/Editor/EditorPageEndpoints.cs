using Microsoft.Extensions.Options;
using RoyaAudio.Server.Player;
using RoyaAudio.Server.Security;
using RoyaAudio.Server.Storage;
using RoyaAudio.Server.Synthesis;

namespace RoyaAudio.Server.Editor;

/// <summary>The editor page, its script and styles, and hearing a sentence read with the lexicon before saving it.</summary>
public static class EditorPageEndpoints
{
    public static void MapEditorPage(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var assets = new Lazy<EditorAssets>(EditorAssets.Load);
        // The desk plays audio in the listeners' own player; its versioned URL is the one the player's routes serve for a year.
        var player = new Lazy<string>(() => PlayerAssets.Load(app.ServiceProvider.GetRequiredService<IOptions<PlayerOptions>>().Value).Version);

        // A browser without the cookie is sent to /editor/login by the cookie scheme.
        app.MapGet("/editor", (HttpContext http, IAudioStore store, TtsEngines engines) =>
                EditorPage.Render(http, store, assets.Value, player.Value, engines.Names.OrderBy(n => n == engines.Default.Name ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal), engines.Default.Name))
            .RequireAuthorization(Policies.Editor).WithTags("Editors").ExcludeFromDescription();
        app.MapMethods("/editor.js", ["GET", "HEAD"], (HttpContext http) => assets.Value.Serve(assets.Value.Script, http))
            .RequireAuthorization(Policies.Editor).WithTags("Editors").ExcludeFromDescription();
        app.MapMethods("/editor.css", ["GET", "HEAD"], (HttpContext http) => assets.Value.Serve(assets.Value.Styles, http))
            .RequireAuthorization(Policies.Editor).WithTags("Editors").ExcludeFromDescription();

        app.MapPost("/api/lexicon/{language}/preview", PronunciationPreview.HearAsync)
            .RequireAuthorization(Policies.Editor).RequireRateLimiting(RateLimitOptions.Preview).WithTags("Editors")
            .WithSummary($"Hear one sentence (at most {PronunciationPreview.MaxCharacters} characters) read with the language's lexicon by the default engine, as audio/wav")
            .Produces(StatusCodes.Status200OK, contentType: "audio/wav")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status502BadGateway).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
