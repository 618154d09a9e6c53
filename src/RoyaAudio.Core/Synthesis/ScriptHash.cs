using System.Security.Cryptography;
using System.Text;
using RoyaAudio.Text;

namespace RoyaAudio.Synthesis;

/// <summary>
/// Hashes of what is spoken and how. Equal hashes mean equal audio, so a republish with the same
/// script renders nothing and a cached unit is never paid for twice.
/// </summary>
public static class ScriptHash
{
    /// <summary>Over the whole script: language, every sentence as spoken and as shown, its paragraph, and the voice.</summary>
    public static string Of(SpeechScript script, VoiceChoice voice)
    {
        ArgumentNullException.ThrowIfNull(script);
        var text = new StringBuilder();
        AppendVoice(text, voice);
        text.Append(script.Language).Append('\n');
        foreach (var sentence in script.Sentences)
        {
            text.Append(sentence.Paragraph).Append('\u001f').Append(sentence.Text).Append('\u001f').Append(sentence.Spoken).Append('\n');
        }

        return Hex(text.ToString());
    }

    /// <summary>Cache key of one unit: engine, model, voice, speed, instructions and the spoken text.</summary>
    public static string OfUnit(string text, VoiceChoice voice)
    {
        var key = new StringBuilder();
        AppendVoice(key, voice);
        key.Append(text);
        return Hex(key.ToString());
    }

    private static void AppendVoice(StringBuilder text, VoiceChoice voice)
    {
        ArgumentNullException.ThrowIfNull(voice);
        // The unit separator cannot occur in article text after normalisation, so fields never run together.
        text.Append(voice.Engine).Append('\u001f').Append(voice.Model).Append('\u001f').Append(voice.Voice).Append('\u001f')
            .Append(voice.Speed.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).Append('\u001f')
            .Append(voice.Instructions).Append('\u001e');
    }

    private static string Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
