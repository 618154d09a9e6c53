using System.Text.RegularExpressions;

namespace RoyaAudio.SpeechServer;

/// <summary>What an answer says: the input, or the input with a counted content fault applied.</summary>
internal static partial class SpeechContent
{
    /// <summary>About 10 s of espeak-ng speech at its default pace, said after the input by <see cref="Fault.ExtraSpeech"/>.</summary>
    public const string English = "And there is more to tell you about this story, with further details from our correspondents in the region, "
        + "who say the situation is still developing this evening.";

    public const string Arabic = "وهناك المزيد من التفاصيل حول هذا الخبر من مراسلينا في المنطقة، الذين يقولون إن الوضع ما زال يتطور هذا المساء وسط متابعة مستمرة.";

    public static (string Said, Fault Fault) Apply(string input, ContentFaults faults)
    {
        var sentences = Sentences(input);
        if (sentences.Count >= 2 && faults.Take(f => f.DropLastSentence, (f, n) => f.DropLastSentence = n))
        {
            return (string.Join(' ', sentences.Take(sentences.Count - 1)), Fault.DroppedSentence);
        }

        if (faults.Take(f => f.RepeatFirstSentence, (f, n) => f.RepeatFirstSentence = n))
        {
            return (string.Join(' ', [sentences[0], .. sentences]), Fault.RepeatedSentence);
        }

        if (faults.Take(f => f.ExtraSpeech, (f, n) => f.ExtraSpeech = n))
        {
            return ($"{input} {(SpeechRenderer.Language(input) == "ar" ? Arabic : English)}", Fault.ExtraSpeech);
        }

        return (input, Fault.None);
    }

    /// <summary>The transcript with its middle word heard as another.</summary>
    public static string Misheard(string transcript)
    {
        var words = transcript.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return transcript;
        }

        words[words.Length / 2] = SpeechRenderer.Language(transcript) == "ar" ? "برتقال" : "marmalade";
        return string.Join(' ', words);
    }

    private static List<string> Sentences(string input) =>
        [.. SentenceEnd().Split(input.Trim()).Where(s => s.Length > 0)];

    [GeneratedRegex(@"(?<=[.!?؟])\s+")]
    private static partial Regex SentenceEnd();
}
