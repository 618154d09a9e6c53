using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using RoyaAudio.Articles;
using RoyaAudio.Editions;
using RoyaAudio.Server.Lexicon;
using RoyaAudio.Server.Operations;
using RoyaAudio.Server.Synthesis;
using RoyaAudio.Setup;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Editor;

/// <summary>
/// "Hear it": one sentence read as an article's would be (the edition's spoken forms, then the language's current
/// lexicon) by the default engine, so an editor can judge a respelling before an article is rendered with it. Nothing is cached: respellings are tried
/// a few times and thrown away.
/// </summary>
internal static class PronunciationPreview
{
    public const int MaxCharacters = 300;

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HearAsync(
        string language, PronunciationPreviewRequest? request, LexiconStore lexicon, TtsEngines engines, HttpContext http, CancellationToken cancellationToken)
    {
        if (!Languages.IsSupported(language))
        {
            return Problems.Of(StatusCodes.Status404NotFound,
                $"unknown language '{Excerpt.Of(language, 16)}': supported are {string.Join(", ", Languages.Supported)}");
        }

        var text = request?.Text?.Trim() ?? "";
        if (text.Length is 0 or > MaxCharacters)
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, $"text must be one sentence of 1-{MaxCharacters} characters");
        }

        if (!IsPlainText(text))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "text must be plain text: no control characters or unpaired surrogate escapes");
        }

        var normalized = TextNormalizer.Normalize(text);
        if (!normalized.Any(char.IsLetterOrDigit))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "text has nothing to read");
        }

        // Arabic segments also end at ':' and '،'; only a full stop, question or exclamation before the end makes two sentences.
        if (SentenceSplitter.Split(normalized, language).SkipLast(1).Any(EndsSentence))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, "text must be one sentence: hear one at a time");
        }

        var words = await lexicon.ForLanguageAsync(language, cancellationToken);
        var engine = engines.Default;
        var voice = VoiceChoice.For(engine, language, voice: null);
        SpeechAudio audio;
        try
        {
            audio = await engine.SynthesizeAsync(
                new SpeechRequest(words.Apply(SpokenFormsOf(language).Apply(normalized), language), language, voice.Voice, voice.Speed, voice.Instructions),
                cancellationToken);
        }
        catch (SpeechServiceException e)
        {
            return Problems.Of(StatusCodes.Status502BadGateway, $"the speech service refused the sentence: {e.Message}");
        }
        catch (InvalidSpeechAnswerException e)
        {
            return Problems.Of(StatusCodes.Status502BadGateway, $"the speech service answered with no usable audio: {e.Message}");
        }
        catch (MissingDependencyException e)
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, e.Message);
        }

        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Bytes(audio.ToWav(), "audio/wav");
    }

    private static SpokenForms SpokenFormsOf(string language) => EditionRegistry.Default.Find(language)?.SpokenForms ?? SpokenForms.None;

    private static bool EndsSentence(string sentence) =>
        sentence.TrimEnd().TrimEnd('"', '\'', '”', '’', '»', ')') is { Length: > 0 } end && end[^1] is '.' or '?' or '!' or '؟' or '…';

    /// <summary>An escaped NUL or lone surrogate is valid JSON but no text a voice can read.</summary>
    private static bool IsPlainText(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used) != OperationStatus.Done
                || (Rune.IsControl(rune) && !Rune.IsWhiteSpace(rune)))
            {
                return false;
            }

            i += used;
        }

        return true;
    }
}

public sealed record PronunciationPreviewRequest(string? Text);
