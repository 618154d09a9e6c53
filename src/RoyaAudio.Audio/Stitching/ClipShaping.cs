namespace RoyaAudio.Stitching;

/// <summary>The two edits every clip gets before joining: cut its own silent edges, fade its ends.</summary>
public static class ClipShaping
{
    /// <summary>Keeps a little air around the speech so soft consonants at the edges are not clipped.</summary>
    private const int LeadMarginMs = 5;
    private const int TailMarginMs = 25;

    public static (int Start, int Length) SpeechRange(ReadOnlySpan<float> samples, AudioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var threshold = (float)Math.Pow(10, options.SilenceThresholdDbfs / 20);
        var first = -1;
        for (var i = 0; i < samples.Length; i++)
        {
            if (Math.Abs(samples[i]) > threshold)
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return (0, 0);
        }

        var last = first;
        for (var i = samples.Length - 1; i > first; i--)
        {
            if (Math.Abs(samples[i]) > threshold)
            {
                last = i;
                break;
            }
        }

        var start = Math.Max(0, first - options.Samples(LeadMarginMs));
        var end = Math.Min(samples.Length, last + 1 + options.Samples(TailMarginMs));
        return (start, end - start);
    }

    /// <summary>Raised-cosine fade in and out, in place; a clip shorter than two fades gets half its length each way.</summary>
    public static void Fade(Span<float> samples, int fadeSamples)
    {
        var n = Math.Min(fadeSamples, samples.Length / 2);
        for (var i = 0; i < n; i++)
        {
            var gain = (float)(0.5 - 0.5 * Math.Cos(Math.PI * (i + 0.5) / n));
            samples[i] *= gain;
            samples[samples.Length - 1 - i] *= gain;
        }
    }
}
