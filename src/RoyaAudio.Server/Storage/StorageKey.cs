using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using RoyaAudio.Synthesis;

namespace RoyaAudio.Server.Storage;

/// <summary>
/// A validated object name: <c>audio/{articleId}/{sha256}.mp3|vtt</c>, <c>bulletins/{language}/{sha256}.mp3</c> or <c>units/{xx}/{sha256}.wav</c>.
/// Nothing else can be named, so a key taken from a request can never leave the store's folder.
/// </summary>
public sealed partial record StorageKey
{
    private StorageKey(string value) => Value = value;

    public string Value { get; }

    public static StorageKey ForAudio(string articleId, string sha256Hex, string extension) =>
        Parse($"audio/{articleId}/{sha256Hex}.{extension}");

    /// <summary>A daily bulletin's MP3: <c>bulletins/{language}/{sha256}.mp3</c>.</summary>
    public static StorageKey ForBulletin(string language, string sha256Hex) => Parse($"bulletins/{language}/{sha256Hex}.mp3");

    /// <summary>The folder of the shared unit cache: its layout below it is the cache's own (<see cref="UnitCache.RelativePath"/>).</summary>
    public const string UnitsFolder = "units";

    public static StorageKey ForUnit(string unitKey) => Parse($"{UnitsFolder}/{UnitCache.RelativePath(unitKey)}");

    public static StorageKey Parse(string value) =>
        TryParse(value, out var key) ? key : throw new ArgumentException($"not a storage key: {value}", nameof(value));

    public static bool TryParse(string? value, [NotNullWhen(true)] out StorageKey? key)
    {
        key = value is not null && value.Length <= 300 && Shape().IsMatch(value) ? new StorageKey(value) : null;
        return key is not null;
    }

    public string ContentType => Value[(Value.LastIndexOf('.') + 1)..] switch
    {
        "mp3" => "audio/mpeg",
        "vtt" => "text/vtt; charset=utf-8",
        _ => "audio/wav",
    };

    /// <summary>The content hash in the name, used as the HTTP entity tag.</summary>
    public string ContentHash => Value[(Value.LastIndexOf('/') + 1)..Value.LastIndexOf('.')];

    /// <summary>The file this key names under a local store's folder.</summary>
    public string PathUnder(string root)
    {
        var rootWithSeparator = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, Value));

        // The shape already admits no '..' or rooted names; this is the last line should that ever change.
        if (!path.StartsWith(rootWithSeparator, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"storage key {Value} resolves outside the media folder {root}");
        }

        return path;
    }

    /// <summary>The article a rendition file belongs to; null for units.</summary>
    public string? ArticleId => Value.StartsWith("audio/", StringComparison.Ordinal) ? Value.Split('/')[1] : null;

    /// <summary>Whether listeners may fetch it: an article's audio or captions, or a bulletin (never a unit).</summary>
    public bool IsForListeners => ArticleId is not null || Value.StartsWith("bulletins/", StringComparison.Ordinal);

    public override string ToString() => Value;

    [GeneratedRegex(@"^(audio/[A-Za-z0-9][A-Za-z0-9._-]{0,127}/[0-9a-f]{64}\.(mp3|vtt)|bulletins/[a-z]{2,8}/[0-9a-f]{64}\.mp3|units/[0-9a-f]{2}/[0-9a-f]{64}\.wav)\z")]
    private static partial Regex Shape();
}
