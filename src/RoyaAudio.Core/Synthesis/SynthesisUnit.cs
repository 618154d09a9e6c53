using RoyaAudio.Text;

namespace RoyaAudio.Synthesis;

/// <summary>What one TTS request says: one or more whole sentences of one paragraph.</summary>
public sealed record SynthesisUnit(int Index, int Paragraph, IReadOnlyList<ScriptSentence> Sentences)
{
    public string Text => string.Join(' ', Sentences.Select(s => s.Spoken));
}
