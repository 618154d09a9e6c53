namespace RoyaAudio.Branding;

/// <summary>Section <c>Disclosure</c>: whether the edition's AI note is also spoken, and where.</summary>
public sealed class DisclosureOptions
{
    public const string Section = "Disclosure";

    /// <summary>
    /// <c>end</c> (the default: listeners hear the note once they have heard the story), <c>start</c>
    /// (after any intro, before the title) or <c>off</c> (the note stays text and ID3 only).
    /// </summary>
    public SpokenDisclosure Spoken { get; set; } = SpokenDisclosure.End;
}

public enum SpokenDisclosure
{
    End,
    Start,
    Off,
}
