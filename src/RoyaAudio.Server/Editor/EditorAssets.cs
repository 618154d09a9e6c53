using Microsoft.AspNetCore.Http.HttpResults;
using RoyaAudio.Server.Hosting;

namespace RoyaAudio.Server.Editor;

/// <summary>The editor page's script and styles, read once from the assembly and served only to signed-in editors.</summary>
internal sealed class EditorAssets
{
    private readonly PageAssets _assets;

    private EditorAssets(PageAssets assets) => _assets = assets;

    public PageAsset Script => _assets.Script;

    public PageAsset Styles => _assets.Styles;

    /// <summary>Changes whenever either file does, so the page's <c>?v=</c> URLs may be cached for a year.</summary>
    public string Version => _assets.Version;

    public static EditorAssets Load() => new(new PageAssets(
        new PageAsset(PageAssets.ReadEmbedded("editor/editor.js", "the editor page's editor.js"), "text/javascript; charset=utf-8"),
        new PageAsset(PageAssets.ReadEmbedded("editor/editor.css", "the editor page's editor.css"), "text/css; charset=utf-8")));

    public FileContentHttpResult Serve(PageAsset asset, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(asset);
        // Behind sign-in, so only the browser may keep a copy, never a shared cache.
        http.Response.Headers.CacheControl = _assets.IsVersioned(http) ? "private, max-age=31536000, immutable" : "private, no-cache";
        return asset.Serve();
    }
}
