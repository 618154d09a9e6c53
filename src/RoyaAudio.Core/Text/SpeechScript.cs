namespace RoyaAudio.Text;

/// <summary>
/// What will be read, in order: the title, then the story's paragraphs, each a list of sentences.
/// It is what an editor previews and what decides whether audio must be made again.
/// </summary>
public sealed record SpeechScript(string ArticleId, string Language, IReadOnlyList<ScriptParagraph> Paragraphs)
{
    public IEnumerable<ScriptSentence> Sentences => Paragraphs.SelectMany(p => p.Sentences);

    public int SentenceCount => Paragraphs.Sum(p => p.Sentences.Count);

    /// <summary>Characters a TTS service would be sent: the spoken form, which is what it bills.</summary>
    public int SpokenCharacters => Sentences.Sum(s => s.Spoken.Length);
}

public enum ParagraphRole
{
    Title,
    Body,
}

public sealed record ScriptParagraph(int Index, ParagraphRole Role, IReadOnlyList<ScriptSentence> Sentences);

/// <param name="Index">Position in the whole script, from 0.</param>
/// <param name="Paragraph">Index of the paragraph it belongs to (0 is the title).</param>
/// <param name="Text">As shown to listeners in the transcript and captions.</param>
/// <param name="Spoken">As sent to the voice: numbers, money, dates and titles in words, then the pronunciation lexicon.</param>
public sealed record ScriptSentence(int Index, int Paragraph, string Text, string Spoken);
