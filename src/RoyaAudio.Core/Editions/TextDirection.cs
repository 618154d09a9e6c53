namespace RoyaAudio.Editions;

/// <summary>Which way an edition's text runs; the player's label, note and transcript follow it.</summary>
public enum TextDirection
{
    LeftToRight,
    RightToLeft,
}
