namespace RoyaAudio.Stitching;

/// <summary>
/// Finds where each sentence (or sentence piece) of a packed unit begins in the unit's audio: at the
/// pause nearest to where the text says it should be (its share of the characters), since voices
/// breathe between sentences. Falls back to the character-proportional position where no pause is found.
/// </summary>
public static class PartAligner
{
    private const int FrameMs = 10;

    /// <summary>Pauses shorter than this are usually commas or stops inside words.</summary>
    private const int MinimumPauseMs = 120;

    /// <summary>A pause further than this share of the unit from its expected place belongs to another sentence.</summary>
    private const double SearchWindow = 0.25;

    public static IReadOnlyList<(int Start, int End)> Align(ReadOnlySpan<float> speech, IReadOnlyList<int> partCharacters, int sampleRate, double silenceThresholdDbfs)
    {
        ArgumentNullException.ThrowIfNull(partCharacters);
        var spans = new (int Start, int End)[partCharacters.Count];
        if (partCharacters.Count <= 1)
        {
            if (spans.Length == 1)
            {
                spans[0] = (0, speech.Length);
            }

            return spans;
        }

        var pauses = Pauses(speech, sampleRate, silenceThresholdDbfs);
        var total = (double)Math.Max(1, partCharacters.Sum());
        var characters = 0;
        var previousEnd = 0;
        var start = 0;
        var margin = sampleRate * 5 / 1000;
        for (var k = 1; k < partCharacters.Count; k++)
        {
            characters += partCharacters[k - 1];
            var expected = (int)(speech.Length * (characters / total));
            var window = (int)(speech.Length * SearchWindow);
            (int From, int To)? best = null;
            foreach (var pause in pauses)
            {
                var middle = (pause.From + pause.To) / 2;
                if (pause.From <= previousEnd || Math.Abs(middle - expected) > window)
                {
                    continue;
                }

                if (best is null || Math.Abs(middle - expected) < Math.Abs((best.Value.From + best.Value.To) / 2 - expected))
                {
                    best = pause;
                }
            }

            var (end, next) = best is { } chosen
                ? (Math.Min(chosen.From + margin, chosen.To), Math.Max(chosen.To - margin, chosen.From))
                : (Math.Max(expected, previousEnd), Math.Max(expected, previousEnd));
            spans[k - 1] = (start, end);
            start = next;
            previousEnd = next;
        }

        spans[^1] = (start, speech.Length);
        return spans;
    }

    /// <summary>Runs of quiet 10 ms frames at least <see cref="MinimumPauseMs"/> long, inside the speech.</summary>
    private static List<(int From, int To)> Pauses(ReadOnlySpan<float> speech, int sampleRate, double silenceThresholdDbfs)
    {
        var frame = sampleRate * FrameMs / 1000;
        var frames = speech.Length / frame;
        var levels = new double[frames];
        var loudest = 0.0;
        for (var f = 0; f < frames; f++)
        {
            var sum = 0.0;
            foreach (var sample in speech.Slice(f * frame, frame))
            {
                sum += sample * sample;
            }

            levels[f] = Math.Sqrt(sum / frame);
            loudest = Math.Max(loudest, levels[f]);
        }

        // Quiet means under the absolute floor, or 35 dB under this voice's loudest frame if that is higher (noisy voices).
        var threshold = Math.Max(Math.Pow(10, silenceThresholdDbfs / 20), loudest * Math.Pow(10, -35 / 20.0));
        var pauses = new List<(int, int)>();
        var minimumFrames = MinimumPauseMs / FrameMs;
        var run = -1;
        for (var f = 0; f <= frames; f++)
        {
            var quiet = f < frames && levels[f] < threshold;
            if (quiet && run < 0)
            {
                run = f;
            }
            else if (!quiet && run >= 0)
            {
                if (f - run >= minimumFrames && run > 0 && f < frames)
                {
                    pauses.Add((run * frame, f * frame));
                }

                run = -1;
            }
        }

        return pauses;
    }
}
