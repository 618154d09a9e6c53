namespace RoyaAudio.Loudness;

/// <summary>
/// The K-weighting of ITU-R BS.1770: a high-shelf "pre-filter" followed by the RLB high-pass,
/// designed for the actual sample rate from their analog prototypes through the bilinear
/// transform, so that the published 48 kHz coefficients come out at 48 kHz and any other rate
/// gets the same response.
/// </summary>
internal sealed class KWeightingFilter
{
    // Analog prototype parameters fitted to the BS.1770 48 kHz coefficients (as in libebur128).
    private const double ShelfFrequency = 1681.974450955533;
    private const double ShelfGainDb = 3.999843853973347;
    private const double ShelfQ = 0.7071752369554196;
    private const double ShelfBandExponent = 0.4996667741545416;
    private const double HighPassFrequency = 38.13547087602444;
    private const double HighPassQ = 0.5003270373238773;

    // Below this the state is inaudible; zeroing it keeps digital silence out of subnormal arithmetic.
    private const double SubnormalGuard = 1e-25;

    private readonly double shelfB0, shelfB1, shelfB2, shelfA1, shelfA2;
    private readonly double highPassA1, highPassA2;
    private double shelfS1, shelfS2, highPassS1, highPassS2;

    public KWeightingFilter(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);

        double k = Math.Tan(Math.PI * ShelfFrequency / sampleRate);
        double vh = Math.Pow(10.0, ShelfGainDb / 20.0);
        double vb = Math.Pow(vh, ShelfBandExponent);
        double a0 = 1.0 + k / ShelfQ + k * k;
        shelfB0 = (vh + vb * k / ShelfQ + k * k) / a0;
        shelfB1 = 2.0 * (k * k - vh) / a0;
        shelfB2 = (vh - vb * k / ShelfQ + k * k) / a0;
        shelfA1 = 2.0 * (k * k - 1.0) / a0;
        shelfA2 = (1.0 - k / ShelfQ + k * k) / a0;

        k = Math.Tan(Math.PI * HighPassFrequency / sampleRate);
        a0 = 1.0 + k / HighPassQ + k * k;
        highPassA1 = 2.0 * (k * k - 1.0) / a0;
        highPassA2 = (1.0 - k / HighPassQ + k * k) / a0;
    }

    /// <summary>Shelf numerator and denominator (a0 = 1), exposed for checking against the standard's table.</summary>
    internal (double B0, double B1, double B2, double A1, double A2) Shelf => (shelfB0, shelfB1, shelfB2, shelfA1, shelfA2);

    /// <summary>High-pass denominator (a0 = 1); its numerator is 1, -2, 1.</summary>
    internal (double A1, double A2) HighPass => (highPassA1, highPassA2);

    /// <summary>Filters <paramref name="samples"/> and returns the sum of the squared output.</summary>
    public double SumOfSquares(ReadOnlySpan<float> samples)
    {
        // Locals let the JIT keep the state in registers across the loop.
        double b0 = shelfB0, b1 = shelfB1, b2 = shelfB2, a1 = shelfA1, a2 = shelfA2;
        double c1 = highPassA1, c2 = highPassA2;
        double s1 = shelfS1, s2 = shelfS2, t1 = highPassS1, t2 = highPassS2;
        double sum = 0.0;
        foreach (float sample in samples)
        {
            // Transposed direct form II, one section per stage.
            double x = sample;
            double y = b0 * x + s1;
            s1 = b1 * x - a1 * y + s2;
            s2 = b2 * x - a2 * y;
            double z = y + t1;
            t1 = -2.0 * y - c1 * z + t2;
            t2 = y - c2 * z;
            sum += z * z;
        }

        shelfS1 = Flush(s1);
        shelfS2 = Flush(s2);
        highPassS1 = Flush(t1);
        highPassS2 = Flush(t2);
        return sum;
    }

    private static double Flush(double state) => Math.Abs(state) < SubnormalGuard ? 0.0 : state;
}
