using System.Text.Json.Serialization;

namespace RoyaAudio.Text;

/// <summary>The lexicon file, <c>{ "en": { "term": "respelling" } }</c>, read by generated code (no reflection in the native CLI).</summary>
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, string>>))]
internal sealed partial class LexiconJson : JsonSerializerContext;
