namespace RoyaAudio.Text;

/// <summary>
/// A value from a request quoted back in an error message: cut short, so a megabyte-long id never fills an
/// answer or a log line, and marked with "…" when cut.
/// </summary>
public static class Excerpt
{
    public static string Of(string text, int maxLength = 64)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= maxLength ? text : text[..maxLength] + "…";
    }
}
