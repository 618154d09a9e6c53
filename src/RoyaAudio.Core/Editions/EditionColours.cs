using System.Globalization;

namespace RoyaAudio.Editions;

/// <summary>
/// An edition's pair of brand colours, as "#RRGGBB": the podcast's default cover art is drawn in them, so each
/// edition's show is told apart at a glance in a listener's library.
/// </summary>
/// <param name="Ground">The cover's background.</param>
/// <param name="Mark">The sound mark drawn on it; chosen to stand out from <paramref name="Ground"/> at thumbnail size.</param>
public sealed record EditionColours(string Ground, string Mark)
{
    /// <summary>The colour's red, green and blue bytes; throws for anything but "#RRGGBB".</summary>
    public static (byte Red, byte Green, byte Blue) Channels(string colour)
    {
        ArgumentNullException.ThrowIfNull(colour);
        if (colour.Length != 7 || colour[0] != '#' || !uint.TryParse(colour.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
        {
            throw new FormatException($"colour '{colour}' is not written as #RRGGBB");
        }

        return ((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
    }
}
