namespace RoyaAudio.Text;

/// <summary>
/// Rule-based sentence boundary detection for English and Arabic news text.
/// </summary>
public static class SentenceSplitter
{
    /// <summary>Splits <paramref name="text"/> into sentences, trimmed, in order, none empty.</summary>
    public static IReadOnlyList<string> Split(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(language);
        var parts = text.Split(['.', '?', '!'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts;
    }
}
