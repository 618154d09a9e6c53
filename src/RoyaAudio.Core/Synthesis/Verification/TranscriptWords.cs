using System.Text;

namespace RoyaAudio.Synthesis.Verification;

/// <summary>
/// One written form for a text and its transcript: numbers in words (a transcript writes "3.5%" where the
/// voice was sent "three point five percent"), lower case, no punctuation, and in Arabic no diacritics or
/// tatweel, one alef, ى as ي and ة as ه, since transcription writes those either way.
/// </summary>
public sealed class TranscriptWords(Func<string, string>? spell)
{
    public IReadOnlyList<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spelled = spell is null ? text : spell(text);
        var plain = new StringBuilder(spelled.Length);
        foreach (var c in spelled.Normalize(NormalizationForm.FormKC))
        {
            plain.Append(Plain(c));
        }

        return plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string Plain(char c) => c switch
    {
        // Arabic short vowels, shadda, sukun, dagger alef; tatweel.
        >= '\u064B' and <= '\u065F' or '\u0670' or '\u0640' => "",
        'أ' or 'إ' or 'آ' or 'ٱ' => "ا",
        'ى' => "ي",
        'ة' => "ه",
        '\'' or '’' => "",
        _ when char.IsLetterOrDigit(c) => char.ToLowerInvariant(c).ToString(),
        _ => " ",
    };
}
