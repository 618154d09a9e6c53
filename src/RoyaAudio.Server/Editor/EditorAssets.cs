using System.Security.Cryptography;
using RoyaAudio.Server.Player;
using System.Text;

namespace RoyaAudio.Server.Editor;

/// <summary>The editor page's script and styles, read once from the assembly and served only to signed-in editors.</summary>
internal sealed class EditorAssets
{
    private EditorAssets(PlayerAsset script, PlayerAsset styles)
    {
        Script = script;
        Styles = styles;
        Version = Convert.ToHexStringLower(SHA256.HashData([.. script.Content, .. styles.Content]))[..12];
    }

    public PlayerAsset Script { get; }

    public PlayerAsset Styles { get; }

    /// <summary>Changes whenever either file does, so the page's <c>?v=</c> URLs may be cached for a year.</summary>
    public string Version { get; }

    public static EditorAssets Load() =>
        new(new PlayerAsset(Read("editor.js"), "text/javascript; charset=utf-8"), new PlayerAsset(Read("editor.css"), "text/css; charset=utf-8"));

    public IResult Serve(PlayerAsset asset, HttpContext http)
    {
        // Behind sign-in, so only the browser may keep a copy, never a shared cache.
        var versioned = http.Request.Query["v"] == Version;
        http.Response.Headers.CacheControl = versioned ? "private, max-age=31536000, immutable" : "private, no-cache";
        return Results.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }

    private static string Read(string name)
    {
        using var stream = typeof(EditorAssets).Assembly.GetManifestResourceStream("editor/" + name)
            ?? throw new InvalidOperationException($"the editor page's {name} is missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
