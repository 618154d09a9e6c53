using RoyaAudio.Editions;

namespace RoyaAudio.Articles;

/// <summary>The codes of the editions the newsroom publishes, as <see cref="EditionRegistry.Default"/> lists them.</summary>
public static class Languages
{
    public const string English = EnglishEdition.Code;
    public const string Arabic = ArabicEdition.Code;

    public static IReadOnlyList<string> Supported => EditionRegistry.Default.Codes;

    public static bool IsSupported(string? code) => EditionRegistry.Default.IsSupported(code);

    public static bool IsRightToLeft(string code) => EditionRegistry.Default.Find(code)?.Direction == TextDirection.RightToLeft;
}
