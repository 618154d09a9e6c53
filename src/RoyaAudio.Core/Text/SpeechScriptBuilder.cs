using System.Net;
using RoyaAudio.Articles;
using RoyaAudio.Editions;

namespace RoyaAudio.Text;

/// <summary>
/// Article → speech script: extract the story, drop page furniture, normalise, split, then say numbers, money,
/// dates and titles as the edition's newsreaders do, and apply the lexicon. Listeners see the sentence as written.
/// </summary>
public static class SpeechScriptBuilder
{
    public static SpeechScript Build(Article article, PronunciationLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(lexicon);

        // A language without an edition keeps its text as written (the splitter refuses it anyway).
        var spokenForms = (EditionRegistry.Default.Find(article.Language) ?? EditionRegistry.Default.Find(article.Language.ToLowerInvariant()))
            ?.SpokenForms ?? SpokenForms.None;
        var title = WebUtility.HtmlDecode(article.Title);
        var bodyParagraphs = ArticleBodyExtractor.Extract(article.Body);
        var start = PageChromeFilter.StoryStartAfterRepeatedTitle(bodyParagraphs, title);

        var paragraphs = new List<ScriptParagraph>();
        var sentenceIndex = 0;
        AddParagraph(title, ParagraphRole.Title);
        if (paragraphs.Count == 0)
        {
            throw new ArticleInputException($"article {article.Id}: the title has nothing to read");
        }

        for (var i = start; i < bodyParagraphs.Count; i++)
        {
            if (!PageChromeFilter.IsChrome(bodyParagraphs[i]))
            {
                AddParagraph(bodyParagraphs[i], ParagraphRole.Body);
            }
        }

        if (paragraphs.Count == 1)
        {
            throw new ArticleInputException(
                $"article {article.Id}: the body has no readable sentences (empty, or only page furniture such as captions and dates)");
        }

        return new SpeechScript(article.Id, article.Language, paragraphs);

        void AddParagraph(string raw, ParagraphRole role)
        {
            var normalized = TextNormalizer.Normalize(raw);
            if (normalized.Length == 0)
            {
                return;
            }

            var sentences = new List<ScriptSentence>();
            foreach (var sentence in SentenceSplitter.Split(normalized, article.Language))
            {
                if (!HasSomethingToSay(sentence))
                {
                    continue;
                }

                var spoken = lexicon.Apply(spokenForms.Apply(sentence), article.Language);
                sentences.Add(new ScriptSentence(sentenceIndex++, paragraphs.Count, sentence, spoken));
            }

            if (sentences.Count > 0)
            {
                paragraphs.Add(new ScriptParagraph(paragraphs.Count, role, sentences));
            }
        }
    }

    /// <summary>What the voice says for a line that is not part of an article (an intro, the AI note): the same cleaning, spoken forms and lexicon.</summary>
    public static string SpokenForm(string text, string language, PronunciationLexicon lexicon)
    {
        ArgumentNullException.ThrowIfNull(lexicon);
        var spokenForms = EditionRegistry.Default.Find(language)?.SpokenForms ?? SpokenForms.None;
        return lexicon.Apply(spokenForms.Apply(TextNormalizer.Normalize(text)), language);
    }

    private static bool HasSomethingToSay(string sentence)
    {
        foreach (var c in sentence)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }
}
