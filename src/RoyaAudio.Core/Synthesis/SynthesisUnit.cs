using RoyaAudio.Text;

namespace RoyaAudio.Synthesis;

/// <summary>
/// What one TTS request says: whole sentences of one paragraph, or pieces of one sentence too long
/// for a single request.
/// </summary>
public sealed record SynthesisUnit(int Index, int Paragraph, IReadOnlyList<UnitPart> Parts)
{
    public SynthesisUnit(int index, int paragraph, IReadOnlyList<ScriptSentence> sentences)
        : this(index, paragraph, [.. sentences.Select(s => new UnitPart(s, s.Spoken, StartsSentence: true, EndsSentence: true))])
    {
    }

    public string Text => string.Join(' ', Parts.Select(p => p.Spoken));

    /// <summary>The sentences this unit speaks some or all of, in order.</summary>
    public IReadOnlyList<ScriptSentence> Sentences => [.. Parts.Select(p => p.Sentence).Distinct()];
}

/// <summary>A whole sentence, or a clause-bounded piece of one.</summary>
public sealed record UnitPart(ScriptSentence Sentence, string Spoken, bool StartsSentence, bool EndsSentence);
