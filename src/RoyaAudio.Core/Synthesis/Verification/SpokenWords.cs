using RoyaAudio.Editions;

namespace RoyaAudio.Synthesis.Verification;

/// <summary>
/// Writes a transcript's numbers, money and dates as the voice was sent them, by the edition's spoken
/// forms: a transcription writes "3.5%" where the voice read "three point five percent".
/// </summary>
public static class SpokenWords
{
    public static string Spell(string text, string language) =>
        EditionRegistry.Default.Find(language)?.SpokenForms.Apply(text) ?? text;
}
