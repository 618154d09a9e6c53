namespace RoyaAudio.Loudness;

/// <summary>
/// A small picture of a programme's loudness for the editors' waveform: the RMS level of every tenth of a
/// second, from −60 dBFS (0) to full scale (100), one byte each: 10 bytes a second, 47 KB for 78 minutes.
/// </summary>
public sealed class LoudnessEnvelope(int sampleRate)
{
    public const int PerSecond = 10;
    private const double FloorDb = -60;

    private readonly int _window = Math.Max(1, sampleRate / PerSecond);
    private readonly List<byte> _levels = [];
    private double _sum;
    private int _count;

    public void Add(ReadOnlySpan<float> samples)
    {
        foreach (var sample in samples)
        {
            _sum += sample * (double)sample;
            if (++_count == _window)
            {
                Close();
            }
        }
    }

    /// <summary>The levels so far, the last partial window included.</summary>
    public byte[] Levels()
    {
        if (_count > 0)
        {
            Close();
        }

        return [.. _levels];
    }

    private void Close()
    {
        var rms = Math.Sqrt(_sum / _count);
        var db = rms > 0 ? 20 * Math.Log10(rms) : FloorDb;
        _levels.Add((byte)Math.Round(Math.Clamp((db - FloorDb) / -FloorDb, 0, 1) * 100));
        _sum = 0;
        _count = 0;
    }
}
