namespace RoyaAudio.SpeechServer;

/// <summary>Every request the server answered, in the order it answered them.</summary>
internal sealed class RequestLog
{
    private readonly Lock _lock = new();
    private readonly List<SpeechRequestRecord> _records = [];

    public void Add(SpeechRequestRecord record)
    {
        lock (_lock)
        {
            _records.Add(record);
        }
    }

    public IReadOnlyList<SpeechRequestRecord> Snapshot()
    {
        lock (_lock)
        {
            return [.. _records];
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _records.Clear();
        }
    }
}
