using System.ComponentModel.DataAnnotations;
using RoyaAudio.Editions;

namespace RoyaAudio.Branding;

/// <summary>
/// Section <c>Branding</c>: each edition's intro and outro, as <c>Branding:{edition}:IntroText</c> and so on.
/// Text is read by the article's voice; a file (WAV or MP3) is played as it is, at the programme's loudness.
/// </summary>
public sealed class BrandingOptions : IValidatableObject
{
    public const string Section = "Branding";

    /// <summary>Longer than this is not an intro but a second article.</summary>
    public const int MaxTextCharacters = 600;

    public Dictionary<string, EditionBranding> Editions { get; } = new(StringComparer.OrdinalIgnoreCase);

    public EditionBranding For(string language) => Editions.TryGetValue(language, out var branding) ? branding : EditionBranding.None;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (code, branding) in Editions)
        {
            if (EditionRegistry.Default.Find(code) is null)
            {
                yield return new ValidationResult(
                    $"Branding:{code} names no edition: the editions are {string.Join(", ", EditionRegistry.Default.Codes)}", [nameof(Editions)]);
                continue;
            }

            foreach (var problem in branding.Problems($"Branding:{code}"))
            {
                yield return new ValidationResult(problem, [nameof(Editions)]);
            }
        }
    }
}

/// <summary>One edition's intro and outro; each is text, a file, or nothing.</summary>
public sealed class EditionBranding
{
    public static EditionBranding None { get; } = new();

    public string? IntroText { get; set; }

    public string? IntroFile { get; set; }

    public string? OutroText { get; set; }

    public string? OutroFile { get; set; }

    public FramePiece? Intro => FramePiece.Of(IntroText, IntroFile);

    public FramePiece? Outro => FramePiece.Of(OutroText, OutroFile);

    internal IEnumerable<string> Problems(string prefix)
    {
        foreach (var (name, text, file) in new[] { ("Intro", IntroText, IntroFile), ("Outro", OutroText, OutroFile) })
        {
            if (!string.IsNullOrWhiteSpace(text) && !string.IsNullOrWhiteSpace(file))
            {
                yield return $"{prefix}:{name}Text and {prefix}:{name}File are both set: keep one, the text to be read or the file to be played";
            }

            if (text is { Length: > BrandingOptions.MaxTextCharacters })
            {
                yield return $"{prefix}:{name}Text has {text.Length} characters: keep it under {BrandingOptions.MaxTextCharacters}, a line or two";
            }

            if (!string.IsNullOrWhiteSpace(file) && BrandFile.Problem(file) is { } problem)
            {
                yield return $"{prefix}:{name}File: {problem}";
            }
        }
    }
}

/// <summary>An intro or outro: text for the voice, or a recording.</summary>
public sealed record FramePiece(string? Text, string? File)
{
    public static FramePiece? Of(string? text, string? file) =>
        !string.IsNullOrWhiteSpace(file) ? new FramePiece(null, file.Trim())
        : !string.IsNullOrWhiteSpace(text) ? new FramePiece(text.Trim(), null)
        : null;
}
