using RoyaAudio.Text;

namespace RoyaAudio.Synthesis;

/// <summary>
/// Cuts a script into synthesis units. Units never cross a paragraph, so a paragraph edit
/// re-synthesises only that paragraph; packed units hold whole sentences up to the character limit,
/// and a sentence longer than the limit is cut at clause boundaries, never inside a word.
/// </summary>
public static class UnitPlanner
{
    /// <summary>The speech services' hard limit on one request's input.</summary>
    public const int ServiceLimit = 4096;

    public static IReadOnlyList<SynthesisUnit> Plan(SpeechScript script, UnitPacking packing)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(packing);

        var units = new List<SynthesisUnit>();
        foreach (var paragraph in script.Paragraphs)
        {
            if (!packing.PackParagraphs)
            {
                foreach (var sentence in paragraph.Sentences)
                {
                    units.Add(new SynthesisUnit(units.Count, paragraph.Index, [sentence]));
                }

                continue;
            }

            var limit = Math.Min(packing.MaxCharacters, ServiceLimit);
            var pending = new List<UnitPart>();
            var length = 0;
            foreach (var part in paragraph.Sentences.SelectMany(s => Pieces(s, limit)))
            {
                var added = part.Spoken.Length + (pending.Count > 0 ? 1 : 0);
                if (pending.Count > 0 && length + added > limit)
                {
                    units.Add(new SynthesisUnit(units.Count, paragraph.Index, pending));
                    pending = [];
                    length = 0;
                    added = part.Spoken.Length;
                }

                pending.Add(part);
                length += added;
            }

            if (pending.Count > 0)
            {
                units.Add(new SynthesisUnit(units.Count, paragraph.Index, pending));
            }
        }

        return units;
    }

    private static IEnumerable<UnitPart> Pieces(ScriptSentence sentence, int limit)
    {
        var pieces = ClauseCutter.Cut(sentence.Spoken, limit);
        for (var i = 0; i < pieces.Count; i++)
        {
            yield return new UnitPart(sentence, pieces[i], StartsSentence: i == 0, EndsSentence: i == pieces.Count - 1);
        }
    }
}
