using NAudio.Wave;
using NAudio.Wave.SampleProviders;
using RoyaAudio.Synthesis;

namespace RoyaAudio.Stitching;

/// <summary>
/// The whole rendition as one sample stream: lead-in, then each unit's clip followed by its designed
/// pause (sentence &lt; paragraph &lt; after the title), then a short tail. Streamed clip by clip.
/// </summary>
public sealed class Programme
{
    private readonly SpeechClip[] _clips;
    private readonly int[] _pausesAfter;
    private readonly int _leadIn;

    /// <summary>Marks that end a segment without ending the sentence.</summary>
    private const string ClauseEnds = "،,:;؛";

    public Programme(IReadOnlyList<SynthesisUnit> units, IReadOnlyList<string> clipPaths, AudioOptions options)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(clipPaths);
        ArgumentNullException.ThrowIfNull(options);
        if (units.Count != clipPaths.Count || units.Count == 0)
        {
            throw new ArgumentException("every unit needs exactly one clip, and there must be at least one unit");
        }

        _leadIn = options.Samples(options.LeadInMs);
        _clips = [.. clipPaths.Select((path, i) => new SpeechClip(path, options, [.. units[i].Parts.Select(p => p.Spoken.Length)]))];
        _pausesAfter = new int[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            _pausesAfter[i] = options.Samples(PauseAfter(units, i, options));
        }

        var parts = new ISampleProvider[units.Count];
        for (var i = 0; i < units.Count; i++)
        {
            parts[i] = new OffsetSampleProvider(_clips[i])
            {
                DelayBySamples = i == 0 ? _leadIn : 0,
                LeadOutSamples = _pausesAfter[i],
            };
        }

        Parts = parts;
        Audio = new ConcatenatingSampleProvider(parts);
    }

    /// <summary>Each unit's clip with the pause after it (the first with the lead-in), in order.</summary>
    public IReadOnlyList<ISampleProvider> Parts { get; }

    public ISampleProvider Audio { get; }

    /// <summary>Where each unit's speech sits in the programme, in samples. Valid once every part has been read to the end.</summary>
    public IReadOnlyList<(long Start, long End)> UnitSpans()
    {
        var spans = new (long, long)[_clips.Length];
        long position = _leadIn;
        for (var i = 0; i < _clips.Length; i++)
        {
            if (_clips[i].Length < 0)
            {
                throw new InvalidOperationException("unit spans are known only after the programme has been read through");
            }

            spans[i] = (position, position + _clips[i].Length);
            position += _clips[i].Length + _pausesAfter[i];
        }

        return spans;
    }

    /// <summary>Where each part of each unit is heard, in samples from the programme's start.</summary>
    public IReadOnlyList<IReadOnlyList<(long Start, long End)>> PartSpans()
    {
        var units = UnitSpans();
        return [.. units.Select((unit, i) => (IReadOnlyList<(long, long)>)[.. _clips[i].PartSpans.Select(p => (unit.Start + p.Start, unit.Start + p.End))])];
    }

    private static int PauseAfter(IReadOnlyList<SynthesisUnit> units, int i, AudioOptions options)
    {
        if (i == units.Count - 1)
        {
            return options.TailMs;
        }

        if (units[i + 1].Paragraph == units[i].Paragraph)
        {
            var text = units[i].Parts[^1].Spoken.TrimEnd();
            return text.Length > 0 && ClauseEnds.Contains(text[^1], StringComparison.Ordinal) ? options.ClausePauseMs : options.SentencePauseMs;
        }

        // Paragraph 0 is the title (see SpeechScriptBuilder): the longest breath comes after it.
        return units[i].Paragraph == 0 ? options.TitlePauseMs : options.ParagraphPauseMs;
    }
}
