using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Net.Http.Headers;
using System.Text;

namespace RoyaAudio.Server.Player;

/// <summary>
/// The player's script and styles, read once from the assembly. The configured labels are written into
/// the script, so an article page makes one request for it and none for its words.
/// </summary>
internal sealed class PlayerAssets
{
    // Escapes what could end a string or a script (quotes, <, >, &) but keeps Arabic readable.
    private static readonly JsonSerializerOptions LabelJson = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private PlayerAssets(PlayerAsset script, PlayerAsset styles)
    {
        Script = script;
        Styles = styles;
        Version = Convert.ToHexStringLower(SHA256.HashData([.. script.Content, .. styles.Content]))[..12];
    }

    public PlayerAsset Script { get; }

    public PlayerAsset Styles { get; }

    /// <summary>Changes whenever either file does; <c>?v=</c> with it makes a URL that may be cached for a year.</summary>
    public string Version { get; }

    public static PlayerAssets Load(PlayerOptions options)
    {
        var labels = JsonSerializer.Serialize(options.Labels, LabelJson);
        var script = Read("player.js").Replace("\"__LABELS__\"", labels, StringComparison.Ordinal);
        return new PlayerAssets(new PlayerAsset(script, "text/javascript; charset=utf-8"), new PlayerAsset(Read("player.css"), "text/css; charset=utf-8"));
    }

    public IResult Serve(PlayerAsset asset, HttpContext http)
    {
        // Sites paste the bare URL, so it is cached for a day to let a new player reach them; the
        // versioned URL the embed page uses never changes content.
        var versioned = http.Request.Query["v"] == Version;
        http.Response.Headers.CacheControl = versioned ? "public, max-age=31536000, immutable" : "public, max-age=86400";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }

    private static string Read(string name)
    {
        using var stream = typeof(PlayerAssets).Assembly.GetManifestResourceStream("player/" + name)
            ?? throw new InvalidOperationException($"the player's {name} is missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

internal sealed class PlayerAsset
{
    public PlayerAsset(string text, string contentType)
    {
        Content = Encoding.UTF8.GetBytes(text);
        ContentType = contentType;
        ETag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(Content))[..20]}\"");
    }

    public byte[] Content { get; }

    public string ContentType { get; }

    public EntityTagHeaderValue ETag { get; }
}
