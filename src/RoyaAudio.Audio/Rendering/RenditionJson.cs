using System.Text.Json;
using System.Text.Json.Serialization;
using RoyaAudio.Bulletins;
using RoyaAudio.Quality;
using RoyaAudio.Text;

namespace RoyaAudio.Rendering;

/// <summary>
/// The JSON RoyaAudio writes for people and players (manifests, quality reports, scripts), by generated code:
/// the native CLI has no reflection-based serializer, and the service shares the same shape.
/// </summary>
[JsonSerializable(typeof(RenditionManifest))]
[JsonSerializable(typeof(BulletinManifest))]
[JsonSerializable(typeof(QualityReport))]
[JsonSerializable(typeof(SpeechScript))]
[JsonSerializable(typeof(List<string>))]
public sealed partial class RenditionJson : JsonSerializerContext
{
    /// <summary>Web names, indented, nulls left out, non-ASCII text (Arabic) written as itself rather than escaped.</summary>
    public static RenditionJson Instance { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
