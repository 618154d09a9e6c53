using System.Text;

namespace RoyaAudio.Rendering;

/// <summary>Captions with one cue per sentence, for the player's track element and assistive technology.</summary>
public static class WebVtt
{
    /// <param name="frames">The intro, outro and spoken AI note, which listeners hear and so read too.</param>
    public static string Write(IEnumerable<SentenceTiming> sentences, IEnumerable<CaptionCue>? frames = null)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var cues = sentences.Select(s => new CaptionCue((s.Index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), s.Text, s.StartMs, s.EndMs))
            .Concat(frames ?? []).OrderBy(c => c.StartMs);
        var vtt = new StringBuilder("WEBVTT\n\n");
        foreach (var cue in cues)
        {
            vtt.Append(cue.Id).Append('\n')
                .Append(Time(cue.StartMs)).Append(" --> ").Append(Time(cue.EndMs)).Append('\n')
                .Append(Escape(cue.Text)).Append("\n\n");
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

/// <summary>One caption: an identifier WebVTT allows (no "-->", no line break), its text and its time.</summary>
public sealed record CaptionCue(string Id, string Text, long StartMs, long EndMs);
