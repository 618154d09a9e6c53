using NAudio.Wave;

namespace RoyaAudio.Loudness;

/// <summary>
/// Applies a fixed gain to a mono float source, then a look-ahead limiter that keeps the true peak
/// of the output at or below a ceiling: as a BS.1770 meter reads it (4x oversampled, Annex 2) and,
/// for band-limited material, as a finer reconstruction (a decoder, ffmpeg's 192 kHz meter) shows it.
/// The output is exactly as long as the source and aligned with it: the look-ahead delay is
/// compensated and the tail flushed.
/// </summary>
/// <remarks>
/// Per sample, the gain needed to bring the sample and the inter-sample points on either side of it
/// down to the ceiling is computed; that requirement is released exponentially, held by a sliding
/// minimum and smoothed by a moving average as long as the look-ahead, so the gain falls linearly
/// over the look-ahead before a peak, reaches the required value on time and rises back without steps.
/// </remarks>
public sealed class TruePeakLimiter : ISampleProvider
{
    // Peaks are found by both the BS.1770 interpolator (what meters report) and a finer one (what
    // an ideal reconstruction shows); the Annex 2 points come out this many samples earlier.
    private const int AnnexLead = FinePeakInterpolator.Latency - TruePeakInterpolator.Latency;

    // The hold is widened by the interpolator's reach on each side, so every sample that feeds an
    // inter-sample point gets at least that point's gain reduction, not only its two neighbours.
    private const int Spread = FinePeakInterpolator.Latency;

    // Release ends exactly at unity, so audio far from peaks passes through bit for bit
    // (a residual reduction this small is 140 dB down).
    private const double UnityGuard = 1e-7;

    private readonly ISampleProvider source;
    private readonly float gain;
    private readonly double ceiling;
    private readonly double releaseCoefficient;
    private readonly int delay;
    private readonly TruePeakInterpolator annexInterpolator = new();
    private readonly FinePeakInterpolator fineInterpolator = new();
    private readonly float[] annexIntervals = new float[AnnexLead + 1];

    private readonly float[] delayLine;
    private int delayIndex;

    private readonly int holdLength;
    private readonly double[] holdValues;
    private readonly long[] holdIndices;
    private int holdHead;
    private int holdCount;

    private readonly double[] average;
    private int averageIndex;
    private double averageSum;

    private float previousInterval;
    private double released = 1.0;
    private double smallestGain = 1.0;
    private long requirementIndex;
    private long pushed;
    private long inputCount;
    private long outputCount;
    private bool sourceEnded;

    /// <summary>Wraps <paramref name="source"/> (mono, IEEE float).</summary>
    /// <param name="source">The signal to limit.</param>
    /// <param name="gainDb">Fixed gain applied before limiting.</param>
    /// <param name="ceilingDbtp">Highest true peak allowed at the output.</param>
    /// <param name="lookAheadMs">Look-ahead, which is also the attack time.</param>
    /// <param name="releaseMs">Time constant of the exponential release.</param>
    public TruePeakLimiter(ISampleProvider source, double gainDb, double ceilingDbtp, double lookAheadMs = 5.0, double releaseMs = 80.0)
    {
        ArgumentNullException.ThrowIfNull(source);
        WaveFormat format = source.WaveFormat;
        if (format.Channels != 1 || format.Encoding != WaveFormatEncoding.IeeeFloat)
        {
            throw new ArgumentException("The limiter takes a mono IEEE float source.", nameof(source));
        }

        if (!double.IsFinite(gainDb))
        {
            throw new ArgumentOutOfRangeException(nameof(gainDb), gainDb, "The gain must be finite.");
        }

        if (!double.IsFinite(ceilingDbtp))
        {
            throw new ArgumentOutOfRangeException(nameof(ceilingDbtp), ceilingDbtp, "The ceiling must be finite.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lookAheadMs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(releaseMs);

        this.source = source;
        int rate = format.SampleRate;
        gain = (float)Math.Pow(10.0, gainDb / 20.0);
        ceiling = Math.Pow(10.0, ceilingDbtp / 20.0);
        releaseCoefficient = Math.Exp(-1000.0 / (releaseMs * rate));

        int lookAhead = Math.Max(1, (int)Math.Round(lookAheadMs * rate / 1000.0));
        holdLength = lookAhead + 2 * Spread;
        holdValues = new double[holdLength];
        holdIndices = new long[holdLength];
        average = new double[lookAhead];
        Array.Fill(average, 1.0);
        averageSum = lookAhead;

        // Requirement for sample k is known once sample k + Latency is in; the averaged gain for it
        // then appears another lookAhead - 1 + Spread samples later.
        delay = FinePeakInterpolator.Latency + lookAhead - 1 + Spread;
        delayLine = new float[delay];
    }

    /// <inheritdoc />
    public WaveFormat WaveFormat => source.WaveFormat;

    /// <summary>Output latency the limiter compensates internally, in samples.</summary>
    public int LatencySamples => delay;

    /// <summary>Largest gain reduction applied so far, in dB (0 when the limiter never acted).</summary>
    public double MaxGainReductionDb => smallestGain < 1.0 ? -20.0 * Math.Log10(smallestGain) : 0.0;

    /// <inheritdoc />
    public int Read(Span<float> buffer)
    {
        int written = 0;
        while (written < buffer.Length)
        {
            if (!sourceEnded)
            {
                Span<float> free = buffer[written..];
                int read = source.Read(free);
                if (read <= 0)
                {
                    sourceEnded = true;
                    continue;
                }

                inputCount += read;
                // In place: output j is written only after input j has been consumed.
                for (int i = 0; i < read; i++)
                {
                    float y = Process(free[i]);
                    if (pushed > delay)
                    {
                        buffer[written++] = y;
                    }
                }
            }
            else
            {
                if (outputCount + written >= inputCount)
                {
                    break;
                }

                // Silence pushes the delayed tail out.
                float y = Process(0f);
                if (pushed > delay)
                {
                    buffer[written++] = y;
                }
            }
        }

        outputCount += written;
        return written;
    }

    private float Process(float input)
    {
        pushed++;
        float x = input * gain;
        float[] annex = annexIntervals;
        for (int i = annex.Length - 1; i > 0; i--)
        {
            annex[i] = annex[i - 1];
        }

        annex[0] = annexInterpolator.Push(x);
        float interval = MathF.Max(fineInterpolator.Push(x), annex[AnnexLead]);

        // The sample Latency pushes back now has the inter-sample points on both of its sides.
        float peak = MathF.Max(MathF.Abs(fineInterpolator.Sample(FinePeakInterpolator.Latency)), MathF.Max(interval, previousInterval));
        previousInterval = interval;
        double required = peak > ceiling ? ceiling / peak : 1.0;

        // Instant attack, exponential release towards the requirement.
        if (required < released)
        {
            released = required;
        }
        else
        {
            released = required + (released - required) * releaseCoefficient;
            if (required >= 1.0 && released > 1.0 - UnityGuard)
            {
                released = 1.0;
            }
        }

        double held = HoldMinimum(released, requirementIndex++);

        double[] avg = average;
        averageSum += held - avg[averageIndex];
        avg[averageIndex] = held;
        if (++averageIndex == avg.Length)
        {
            averageIndex = 0;
            // Re-summing once per lap stops rounding drift, and lands exactly on unity when idle.
            double sum = 0.0;
            foreach (double v in avg)
            {
                sum += v;
            }

            averageSum = sum;
        }

        double applied = Math.Min(averageSum / avg.Length, 1.0);
        if (applied < smallestGain)
        {
            smallestGain = applied;
        }

        float delayed = delayLine[delayIndex];
        delayLine[delayIndex] = x;
        if (++delayIndex == delayLine.Length)
        {
            delayIndex = 0;
        }

        return applied == 1.0 ? delayed : (float)(delayed * applied);
    }

    // Sliding minimum over the last holdLength values: a ring-buffered deque whose values increase
    // from front to back, so each value enters and leaves once (amortised O(1)).
    private double HoldMinimum(double value, long index)
    {
        int capacity = holdLength;

        // Indices grow by one per call, so at most the front has left the window.
        if (holdCount > 0 && holdIndices[holdHead] <= index - capacity)
        {
            holdHead = holdHead + 1 == capacity ? 0 : holdHead + 1;
            holdCount--;
        }

        while (holdCount > 0)
        {
            int back = holdHead + holdCount - 1;
            if (back >= capacity)
            {
                back -= capacity;
            }

            if (holdValues[back] < value)
            {
                break;
            }

            holdCount--;
        }

        int slot = holdHead + holdCount;
        if (slot >= capacity)
        {
            slot -= capacity;
        }

        holdValues[slot] = value;
        holdIndices[slot] = index;
        holdCount++;

        return holdValues[holdHead];
    }
}
