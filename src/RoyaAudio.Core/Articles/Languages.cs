namespace RoyaAudio.Articles;

/// <summary>The editions the newsroom publishes; every language-specific rule keys on these codes.</summary>
public static class Languages
{
    public const string English = "en";
    public const string Arabic = "ar";

    public static IReadOnlyList<string> Supported { get; } = [English, Arabic];

    public static bool IsSupported(string? code) => code is English or Arabic;

    public static bool IsRightToLeft(string code) => code == Arabic;
}
