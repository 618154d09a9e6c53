namespace RoyaAudio.Loudness;

/// <summary>
/// Streaming programme-loudness and peak meter for a mono signal, per ITU-R BS.1770-4 and
/// EBU R128: K-weighted gated integrated loudness, true peak (4x oversampled, Annex 2) and
/// sample peak. Feed it in chunks of any size; memory stays constant however long the programme.
/// </summary>
public sealed class LoudnessMeter
{
    private const double AbsoluteGateLufs = -70.0;

    // A block is kept by the relative gate when its energy exceeds a tenth (-10 LU) of the mean.
    private const double RelativeGateFactor = 0.1;

    // Makes a full-scale 997 Hz sine, whose K-weighted gain is +0.691 dB, read -3.01 LUFS.
    private const double LoudnessOffset = -0.691;

    // Gating blocks are 400 ms long and start every 100 ms, so a block is four segments.
    private const int SegmentsPerBlock = 4;

    // Block energies are binned by loudness instead of stored, so memory does not grow with the
    // programme. Each bin keeps the exact energy sum of its blocks, so only the relative gate's
    // decision for blocks within one bin (0.01 LU) of the threshold is approximate.
    private const int BinsPerLu = 100;
    private const double HistogramTopLufs = 30.0;
    private const int BinCount = (int)((HistogramTopLufs - AbsoluteGateLufs) * BinsPerLu);

    private static readonly double AbsoluteGateEnergy = Math.Pow(10.0, (AbsoluteGateLufs - LoudnessOffset) / 10.0);

    private readonly KWeightingFilter filter;
    private readonly TruePeakInterpolator interpolator = new();
    private readonly int segmentLength;
    private readonly double[] recentSegments = new double[SegmentsPerBlock];
    private readonly long[] binCounts = new long[BinCount];
    private readonly double[] binEnergies = new double[BinCount];
    private long segmentsDone;
    private double segmentEnergy;
    private int segmentFill;
    private float samplePeak;
    private float oversampledPeak;

    /// <summary>Creates a meter for a mono signal at <paramref name="sampleRate"/> Hz (8 kHz or more).</summary>
    public LoudnessMeter(int sampleRate)
    {
        filter = new KWeightingFilter(sampleRate);
        SampleRate = sampleRate;
        // 100 ms, rounded as libebur128 does for rates that are not multiples of 10 Hz.
        segmentLength = (sampleRate + 5) / 10;
    }

    /// <summary>The sample rate the meter was created for.</summary>
    public int SampleRate { get; }

    /// <summary>Number of samples measured so far.</summary>
    public long SampleCount { get; private set; }

    /// <summary>
    /// Gated integrated loudness in LUFS of everything added so far; negative infinity when no
    /// 400 ms block is louder than the absolute gate (silence, or under 400 ms of audio).
    /// </summary>
    public double IntegratedLufs
    {
        get
        {
            long count = 0;
            double energy = 0.0;
            for (int i = 0; i < BinCount; i++)
            {
                count += binCounts[i];
                energy += binEnergies[i];
            }

            if (count == 0)
            {
                return double.NegativeInfinity;
            }

            double threshold = RelativeGateFactor * energy / count;
            int thresholdBin = Math.Min(BinOf(threshold), BinCount - 1);
            count = 0;
            energy = 0.0;
            for (int i = Math.Max(thresholdBin, 0); i < BinCount; i++)
            {
                // The bin holding the threshold is decided by its blocks' mean energy.
                if (binCounts[i] == 0 || (i == thresholdBin && binEnergies[i] <= threshold * binCounts[i]))
                {
                    continue;
                }

                count += binCounts[i];
                energy += binEnergies[i];
            }

            return count == 0 ? double.NegativeInfinity : ToLufs(energy / count);
        }
    }

    /// <summary>
    /// True peak in dBTP: the largest magnitude of the 4x oversampled signal, and never below the
    /// sample peak (the Annex 2 filter does not pass the original samples through exactly).
    /// Negative infinity for digital silence.
    /// </summary>
    public double TruePeakDbtp => ToDecibels(MathF.Max(MathF.Max(oversampledPeak, interpolator.PeekTail()), samplePeak));

    /// <summary>Largest sample magnitude in dBFS; negative infinity for digital silence.</summary>
    public double SamplePeakDbfs => ToDecibels(samplePeak);

    /// <summary>Measures the next <paramref name="samples"/> of the programme.</summary>
    public void Add(ReadOnlySpan<float> samples)
    {
        SampleCount += samples.Length;
        TrackPeaks(samples);
        while (!samples.IsEmpty)
        {
            int take = Math.Min(samples.Length, segmentLength - segmentFill);
            segmentEnergy += filter.SumOfSquares(samples[..take]);
            segmentFill += take;
            samples = samples[take..];
            if (segmentFill == segmentLength)
            {
                CompleteSegment();
            }
        }
    }

    private void TrackPeaks(ReadOnlySpan<float> samples)
    {
        float sample = samplePeak, over = oversampledPeak;
        foreach (float x in samples)
        {
            sample = MathF.Max(sample, MathF.Abs(x));
            over = MathF.Max(over, interpolator.Push(x));
        }

        samplePeak = sample;
        oversampledPeak = over;
    }

    private void CompleteSegment()
    {
        recentSegments[(int)(segmentsDone % SegmentsPerBlock)] = segmentEnergy;
        segmentsDone++;
        segmentEnergy = 0.0;
        segmentFill = 0;
        if (segmentsDone < SegmentsPerBlock)
        {
            return;
        }

        double blockEnergy = 0.0;
        foreach (double e in recentSegments)
        {
            blockEnergy += e;
        }

        blockEnergy /= (double)SegmentsPerBlock * segmentLength;
        if (blockEnergy <= AbsoluteGateEnergy)
        {
            return;
        }

        // Clamped: rounding in the logarithm may put a block just above the gate at -1.
        int bin = Math.Clamp(BinOf(blockEnergy), 0, BinCount - 1);
        binCounts[bin]++;
        binEnergies[bin] += blockEnergy;
    }

    private static int BinOf(double energy) => (int)Math.Floor((ToLufs(energy) - AbsoluteGateLufs) * BinsPerLu);

    private static double ToLufs(double meanSquare) => LoudnessOffset + 10.0 * Math.Log10(meanSquare);

    private static double ToDecibels(float magnitude) =>
        magnitude > 0f ? 20.0 * Math.Log10(magnitude) : double.NegativeInfinity;
}
