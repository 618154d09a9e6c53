using RoyaAudio.Articles;
using RoyaAudio.Synthesis;
using RoyaAudio.Text;

namespace RoyaAudio.Branding;

/// <summary>
/// What surrounds a story in its audio: the edition's intro, the spoken AI note (at the start, after the
/// intro, or at the end) and the edition's outro. Text pieces become units read by the article's voice, so
/// the unit cache keeps them across articles; file pieces are played as recorded.
/// </summary>
public sealed class ProgrammeFraming(BrandingOptions branding, DisclosureOptions disclosure, PublicationOptions publication)
{
    // Frame units sit outside the story's paragraphs (0 is the title), each its own, so the pause around them is a paragraph's.
    private const int IntroParagraph = -1;
    private const int DisclosureParagraph = -2;
    private const int OutroParagraph = -3;

    /// <summary>The story alone, as renders were before intros existed.</summary>
    public static ProgrammeFraming None { get; } =
        new(new BrandingOptions(), new DisclosureOptions { Spoken = SpokenDisclosure.Off }, new PublicationOptions());

    public FramedUnits Frame(IReadOnlyList<SynthesisUnit> story, string language, PronunciationLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(story);
        var edition = branding.For(language);
        var note = disclosure.Spoken == SpokenDisclosure.Off ? null : new FramePiece(publication.DisclosureFor(language), null);
        var pieces = new List<(FrameRole Role, int Paragraph, FramePiece Piece)>();
        if (edition.Intro is { } intro)
        {
            pieces.Add((FrameRole.Intro, IntroParagraph, intro));
        }

        if (note is not null && disclosure.Spoken == SpokenDisclosure.Start)
        {
            pieces.Add((FrameRole.Disclosure, DisclosureParagraph, note));
        }

        var opening = pieces.Count;
        if (note is not null && disclosure.Spoken == SpokenDisclosure.End)
        {
            pieces.Add((FrameRole.Disclosure, DisclosureParagraph, note));
        }

        // The note closes the programme: after the outro, the last thing heard is what was used to make it.
        if (edition.Outro is { } outro)
        {
            pieces.Insert(opening, (FrameRole.Outro, OutroParagraph, outro));
        }

        var units = new List<SynthesisUnit>(story.Count + pieces.Count);
        var roles = new List<FrameRole>(units.Capacity);
        var files = new List<string?>(units.Capacity);
        void Add(SynthesisUnit unit, FrameRole role, string? file)
        {
            units.Add(unit with { Index = units.Count });
            roles.Add(role);
            files.Add(file);
        }

        foreach (var (role, paragraph, piece) in pieces.Take(opening))
        {
            Add(FrameUnit(piece, paragraph, language, lexicon), role, piece.File);
        }

        foreach (var unit in story)
        {
            Add(unit, FrameRole.Story, null);
        }

        foreach (var (role, paragraph, piece) in pieces.Skip(opening))
        {
            Add(FrameUnit(piece, paragraph, language, lexicon), role, piece.File);
        }

        return new FramedUnits(units, roles, files);
    }

    /// <summary>A unit for a line or a recording that is not the article's: its sentence index is −1.</summary>
    internal static SynthesisUnit FrameUnit(FramePiece piece, int paragraph, string language, PronunciationLexicon lexicon)
    {
        // A recording has no words; its one part stands for the whole clip.
        var text = piece.Text ?? "";
        var spoken = piece.Text is null ? "♪" : SpeechScriptBuilder.SpokenForm(text, language, lexicon);
        var sentence = new ScriptSentence(-1, paragraph, text, spoken);
        return new SynthesisUnit(0, paragraph, [new UnitPart(sentence, spoken, StartsSentence: true, EndsSentence: true)]);
    }
}

public enum FrameRole
{
    Story,
    Intro,
    Disclosure,
    Outro,
}

/// <summary>A programme's units in playing order; frame units carry sentence index −1.</summary>
/// <param name="Files">Per unit, the recording that stands in for synthesis, or null.</param>
public sealed record FramedUnits(IReadOnlyList<SynthesisUnit> Units, IReadOnlyList<FrameRole> Roles, IReadOnlyList<string?> Files)
{
    public IReadOnlyList<SynthesisUnit> Spoken => [.. Units.Where((_, i) => Files[i] is null)];

    public int StoryUnits => Roles.Count(r => r == FrameRole.Story);
}
