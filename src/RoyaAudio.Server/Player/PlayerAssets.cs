using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;
using RoyaAudio.Server.Hosting;

namespace RoyaAudio.Server.Player;

/// <summary>
/// The player's script and styles, read once from the assembly. The configured labels are written into
/// the script, so an article page makes one request for it and none for its words.
/// </summary>
internal sealed class PlayerAssets
{
    // Escapes what could end a string or a script (quotes, <, >, &) but keeps Arabic readable.
    private static readonly JsonSerializerOptions LabelJson = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private readonly PageAssets _assets;

    private PlayerAssets(PageAssets assets) => _assets = assets;

    public PageAsset Script => _assets.Script;

    public PageAsset Styles => _assets.Styles;

    /// <summary>Changes whenever either file does; <c>?v=</c> with it makes a URL that may be cached for a year.</summary>
    public string Version => _assets.Version;

    public static PlayerAssets Load(PlayerOptions options)
    {
        var labels = JsonSerializer.Serialize(options.Labels, LabelJson);
        var script = PageAssets.ReadEmbedded("player/player.js", "the player's player.js").Replace("\"__LABELS__\"", labels, StringComparison.Ordinal);
        return new PlayerAssets(new PageAssets(
            new PageAsset(script, "text/javascript; charset=utf-8"),
            new PageAsset(PageAssets.ReadEmbedded("player/player.css", "the player's player.css"), "text/css; charset=utf-8")));
    }

    public FileContentHttpResult Serve(PageAsset asset, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(asset);
        // Sites paste the bare URL, so it is cached for a day to let a new player reach them; the
        // versioned URL the embed page uses never changes content.
        http.Response.Headers.CacheControl = _assets.IsVersioned(http) ? "public, max-age=31536000, immutable" : "public, max-age=86400";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return asset.Serve();
    }
}
