using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace RoyaAudio.Loudness;

/// <summary>
/// The 4x interpolator of ITU-R BS.1770-4 Annex 2: a 48-tap linear-phase FIR split into four
/// 12-tap phases. Its coefficients are relative to the input's Nyquist frequency, so it serves
/// any sample rate.
/// </summary>
internal sealed class TruePeakInterpolator
{
    internal const int Taps = 12;

    /// <summary>
    /// The four points produced when sample n arrives lie between samples n - Latency and
    /// n - Latency + 1 (the 48-tap filter delays by 23.5 oversampled periods).
    /// </summary>
    internal const int Latency = 6;

    private static readonly double[] Phase0 =
    [
        0.0017089843750, 0.0109863281250, -0.0196533203125, 0.0332031250000,
        -0.0594482421875, 0.1373291015625, 0.9721679687500, -0.1022949218750,
        0.0476074218750, -0.0266113281250, 0.0148925781250, -0.0083007812500,
    ];

    private static readonly double[] Phase1 =
    [
        -0.0291748046875, 0.0292968750000, -0.0517578125000, 0.0891113281250,
        -0.1665039062500, 0.4650878906250, 0.7797851562500, -0.2003173828125,
        0.1015625000000, -0.0582275390625, 0.0330810546875, -0.0189208984375,
    ];

    // Per window slot (oldest first), the four phases' taps side by side: one vector multiply-add
    // per slot yields all four interpolated points. Phases 2 and 3 are phases 1 and 0 reversed.
    private static readonly Vector128<float>[] Coefficients = BuildCoefficients();

    // Each sample is stored twice, Taps apart, so the newest Taps samples are always contiguous.
    private readonly float[] history = new float[2 * Taps];
    private int position;

    /// <summary>Adds a sample; returns the largest magnitude among the four points it completes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Push(float sample)
    {
        float[] h = history;
        int p = position;
        h[p] = sample;
        h[p + Taps] = sample;
        p = p + 1 == Taps ? 0 : p + 1;
        position = p;
        return Evaluate(h.AsSpan(p, Taps));
    }

    /// <summary>The sample that arrived <paramref name="age"/> pushes ago (0 = newest; at most Taps - 1).</summary>
    public float Sample(int age) => history[position + Taps - 1 - age];

    /// <summary>
    /// The largest magnitude the interpolator would still produce if the signal ended now with
    /// silence, without changing its state: the last samples' inter-sample points.
    /// </summary>
    public float PeekTail()
    {
        Span<float> window = stackalloc float[Taps + Latency];
        window.Clear();
        history.AsSpan(position, Taps).CopyTo(window);
        float peak = 0f;
        for (int i = 1; i <= Latency; i++)
        {
            peak = MathF.Max(peak, Evaluate(window.Slice(i, Taps)));
        }

        return peak;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Evaluate(ReadOnlySpan<float> window)
    {
        Vector128<float>[] c = Coefficients;
        var acc = Vector128<float>.Zero;
        for (int j = 0; j < Taps; j++)
        {
            acc += c[j] * Vector128.Create(window[j]);
        }

        acc = Vector128.Abs(acc);
        return MathF.Max(MathF.Max(acc[0], acc[1]), MathF.Max(acc[2], acc[3]));
    }

    private static Vector128<float>[] BuildCoefficients()
    {
        var result = new Vector128<float>[Taps];
        for (int j = 0; j < Taps; j++)
        {
            // Tap i of a phase weighs the sample i periods old; window slot j holds age Taps - 1 - j.
            int i = Taps - 1 - j;
            result[j] = Vector128.Create(
                (float)Phase0[i],
                (float)Phase1[i],
                (float)Phase1[Taps - 1 - i],
                (float)Phase0[Taps - 1 - i]);
        }

        return result;
    }
}
