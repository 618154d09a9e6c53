using RoyaAudio.Text;

namespace RoyaAudio.Synthesis;

/// <summary>Cuts a script into synthesis units. Units never cross a paragraph, so a paragraph edit re-synthesises only that paragraph.</summary>
public static class UnitPlanner
{
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

            var pending = new List<ScriptSentence>();
            var length = 0;
            foreach (var sentence in paragraph.Sentences)
            {
                var added = sentence.Spoken.Length + (pending.Count > 0 ? 1 : 0);
                if (pending.Count > 0 && length + added > packing.MaxCharacters)
                {
                    units.Add(new SynthesisUnit(units.Count, paragraph.Index, pending));
                    pending = [];
                    length = 0;
                    added = sentence.Spoken.Length;
                }

                pending.Add(sentence);
                length += added;
            }

            if (pending.Count > 0)
            {
                units.Add(new SynthesisUnit(units.Count, paragraph.Index, pending));
            }
        }

        return units;
    }
}
