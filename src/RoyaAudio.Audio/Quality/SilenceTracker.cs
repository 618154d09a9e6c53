namespace RoyaAudio.Quality;

/// <summary>Finds runs of quiet 10 ms frames in a stream, chunk by chunk, keeping only the runs.</summary>
internal sealed class SilenceTracker(int sampleRate, double thresholdDbfs, int minimumMs)
{
    private const int FrameMs = 10;
    private readonly int _frame = sampleRate * FrameMs / 1000;
    private readonly double _threshold = Math.Pow(10, thresholdDbfs / 20);
    private readonly List<(double StartMs, double EndMs)> _runs = [];
    private double _sum;
    private int _filled;
    private long _frames;
    private long _runStart = -1;

    public void Add(ReadOnlySpan<float> samples)
    {
        foreach (var sample in samples)
        {
            _sum += sample * sample;
            if (++_filled == _frame)
            {
                CloseFrame(Math.Sqrt(_sum / _frame) < _threshold);
                _sum = 0;
                _filled = 0;
            }
        }
    }

    /// <summary>The runs of at least the minimum length, in ms; a run still open at the end counts.</summary>
    public List<(double StartMs, double EndMs)> Runs()
    {
        var runs = new List<(double StartMs, double EndMs)>(_runs);
        if (_runStart >= 0 && (_frames - _runStart) * FrameMs >= minimumMs)
        {
            runs.Add((_runStart * FrameMs, _frames * FrameMs));
        }

        return runs;
    }

    private void CloseFrame(bool quiet)
    {
        if (quiet && _runStart < 0)
        {
            _runStart = _frames;
        }
        else if (!quiet && _runStart >= 0)
        {
            if ((_frames - _runStart) * FrameMs >= minimumMs)
            {
                _runs.Add((_runStart * FrameMs, _frames * FrameMs));
            }

            _runStart = -1;
        }

        _frames++;
    }
}
