using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace RoyaAudio.Server.Hosting;

/// <summary>
/// A page's script and styles as the service serves them (the player's, the editor's): read once from the
/// assembly, with one version over both, so a <c>?v=</c> URL changes whenever either file does.
/// </summary>
internal sealed class PageAssets
{
    public PageAssets(PageAsset script, PageAsset styles)
    {
        Script = script;
        Styles = styles;
        Version = Convert.ToHexStringLower(SHA256.HashData([.. script.Content, .. styles.Content]))[..12];
    }

    public PageAsset Script { get; }

    public PageAsset Styles { get; }

    public string Version { get; }

    /// <summary>Whether the request names this version, so the answer may be kept for a year.</summary>
    public bool IsVersioned(HttpContext http) => http.Request.Query["v"] == Version;

    /// <summary>An embedded file's text (<c>folder/name</c> as the project embeds it); <paramref name="what"/> names it in the error.</summary>
    public static string ReadEmbedded(string resource, string what)
    {
        using var stream = typeof(PageAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"{what} is missing from the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}

/// <summary>One served file: its bytes, type and an entity tag from its content.</summary>
internal sealed class PageAsset
{
    public PageAsset(string text, string contentType)
    {
        Content = Encoding.UTF8.GetBytes(text);
        ContentType = contentType;
        ETag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(Content))[..20]}\"");
    }

    public byte[] Content { get; }

    public string ContentType { get; }

    public EntityTagHeaderValue ETag { get; }

    public FileContentHttpResult Serve() => TypedResults.Bytes(Content, ContentType, entityTag: ETag);
}
