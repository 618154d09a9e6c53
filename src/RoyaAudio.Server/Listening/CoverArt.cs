using System.Collections.Concurrent;
using System.Security.Cryptography;
using RoyaAudio.Editions;
using SkiaSharp;

namespace RoyaAudio.Server.Listening;

/// <summary>A drawn cover: the PNG and the entity tag it is served with.</summary>
public sealed record Cover(byte[] Png, string ETag);

/// <summary>
/// The cover art an edition's podcast shows when <c>Podcast:{edition}:ImageUrl</c> names none: a square PNG in the
/// edition's colours with a sound mark and no text (a fresh server may have no fonts for the edition's script).
/// Drawn once per process and edition; the drawing is the same every time, so every node serves the same bytes.
/// </summary>
public sealed class CoverArt
{
    /// <summary>Apple Podcasts takes 1400-3000 px squares; the smallest keeps the file small for every app that fetches it.</summary>
    public const int Size = 1400;

    public const string ContentType = "image/png";

    private readonly ConcurrentDictionary<string, Lazy<Cover>> _covers = new(StringComparer.Ordinal);

    public Cover For(Edition edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        return _covers.GetOrAdd(edition.Code, _ => new Lazy<Cover>(() => Draw(edition))).Value;
    }

    private static Cover Draw(Edition edition)
    {
        // Opaque RGB, as Apple asks: no alpha channel reaches the PNG.
        var info = new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(Colour(edition.Colours.Ground));
        if (edition.Direction == TextDirection.RightToLeft)
        {
            // The sound travels the way the edition reads.
            canvas.Scale(-1, 1, Size / 2f, Size / 2f);
        }

        using var mark = new SKPaint { Color = Colour(edition.Colours.Mark), IsAntialias = true };
        // The dot and its three waves, centred together.
        var centre = new SKPoint(Size * 0.32f, Size * 0.5f);
        canvas.DrawCircle(centre, Size * 0.085f, mark);
        mark.Style = SKPaintStyle.Stroke;
        mark.StrokeWidth = Size * 0.05f;
        mark.StrokeCap = SKStrokeCap.Round;
        foreach (var radius in new[] { 0.2f, 0.31f, 0.42f })
        {
            var r = Size * radius;
            canvas.DrawArc(new SKRect(centre.X - r, centre.Y - r, centre.X + r, centre.Y + r), -45, 90, useCenter: false, mark);
        }

        canvas.Flush();
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException($"the {edition.Name} cover art could not be encoded as PNG");
        var bytes = png.ToArray();
        return new Cover(bytes, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
    }

    private static SKColor Colour(string hex)
    {
        var (red, green, blue) = EditionColours.Channels(hex);
        return new SKColor(red, green, blue);
    }
}
