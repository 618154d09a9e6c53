using System.Text;

namespace RoyaAudio.Rendering;

/// <summary>Captions with one cue per sentence, for the player's track element and assistive technology.</summary>
public static class WebVtt
{
    public static string Write(IEnumerable<SentenceTiming> sentences)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var vtt = new StringBuilder("WEBVTT\n\n");
        foreach (var sentence in sentences)
        {
            vtt.Append(sentence.Index + 1).Append('\n')
                .Append(Time(sentence.StartMs)).Append(" --> ").Append(Time(sentence.EndMs)).Append('\n')
                .Append(Escape(sentence.Text)).Append("\n\n");
        }

        return vtt.ToString();
    }

    private static string Time(long ms) =>
        $"{ms / 3_600_000:00}:{ms / 60_000 % 60:00}:{ms / 1000 % 60:00}.{ms % 1000:000}";

    // Cue text is parsed as markup by players; "-->" would end the timing line if it started a cue.
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
}
