using System.Text.Json;
using System.Text.Json.Serialization;
using RoyaAudio.Synthesis.Verification;

namespace RoyaAudio.Synthesis;

/// <summary>
/// The unit cache's own files (a unit's flags, the learnt speaking rates), read and written by generated code:
/// the native CLI has no reflection-based serializer.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(UnitFlags))]
[JsonSerializable(typeof(Dictionary<string, VoicePace>))]
internal sealed partial class CacheJson : JsonSerializerContext;
