namespace RoyaAudio.SpeechServer;

/// <summary>
/// A requests-per-minute quota judged the way Azure OpenAI describes it, over short windows: at most N/6
/// requests (rounded down) in any sliding 10 s window, so a minute's worth at once is refused even under
/// the minute's quota. Below 6 a minute, one request per 60/N seconds. Only admitted requests count.
/// </summary>
internal sealed class RequestQuota(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Queue<long> _admitted = new();

    /// <summary>Admits the request (null) or says how long until the window has room for it.</summary>
    public TimeSpan? Admit(int perMinute)
    {
        if (perMinute <= 0)
        {
            return null;
        }

        var (allowed, windowMs) = perMinute >= 6 ? (perMinute / 6, 10_000L) : (1, 60_000L / perMinute);
        lock (_lock)
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            while (_admitted.Count > 0 && _admitted.Peek() <= now - windowMs)
            {
                _admitted.Dequeue();
            }

            if (_admitted.Count < allowed)
            {
                _admitted.Enqueue(now);
                return null;
            }

            // Room comes when enough of the oldest leave the window (more than one if the quota was lowered meanwhile).
            var leaving = _admitted.ElementAt(_admitted.Count - allowed);
            return TimeSpan.FromMilliseconds(Math.Max(1, leaving + windowMs - now));
        }
    }
}
