namespace RoyaAudio.SpeechServer;

internal enum Fault
{
    None,
    Outage,
    RateLimit,
    InternalError,
    Unavailable,
    Stall,
    Truncated,
    WrongContentType,
    Empty,

    /// <summary>Not drawn: the request was over the quota (<see cref="SpeechServerOptions.QuotaPerMinute"/>).</summary>
    Quota,

    /// <summary>Not drawn, counted (<see cref="ContentFaults"/>): the answer leaves out the input's last sentence.</summary>
    DroppedSentence,

    /// <summary>Counted: the answer says the input's first sentence twice.</summary>
    RepeatedSentence,

    /// <summary>Counted: the answer goes on for about 10 s after the input.</summary>
    ExtraSpeech,

    /// <summary>Counted: the transcript has one word wrong.</summary>
    MisheardWord,

    /// <summary>The transcription endpoints answer 503 (<see cref="ContentFaults.TranscriptionOutage"/>).</summary>
    TranscriptionOutage,
}

/// <summary>
/// Draws one fault per valid request from a seeded generator. Every draw takes the same number of
/// random values whatever the shares, so the n-th request's draw depends only on the seed and n.
/// </summary>
internal sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private readonly Random _random;

    public FaultInjector(int seed)
    {
        // Seeded, not cryptographic: the same seed must replay the same faults.
        _random = new Random(seed);
    }

    public Fault Draw(FaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Span<double> draws = stackalloc double[7];
        lock (_lock)
        {
            for (var i = 0; i < draws.Length; i++)
            {
                draws[i] = _random.NextDouble();
            }
        }

        if (options.Outage)
        {
            return Fault.Outage;
        }

        // NextDouble is in [0, 1): a share of 0 never fires and a share of 1 always does.
        return draws[0] < options.RateLimitShare ? Fault.RateLimit
            : draws[1] < options.ServerErrorShare ? (draws[2] < 0.5 ? Fault.InternalError : Fault.Unavailable)
            : draws[3] < options.StallShare ? Fault.Stall
            : draws[4] < options.TruncatedShare ? Fault.Truncated
            : draws[5] < options.WrongContentTypeShare ? Fault.WrongContentType
            : draws[6] < options.EmptyAudioShare ? Fault.Empty
            : Fault.None;
    }

    public static string? Name(Fault fault) => fault switch
    {
        Fault.None => null,
        Fault.Outage => "outage",
        Fault.RateLimit => "429",
        Fault.InternalError => "500",
        Fault.Unavailable => "503",
        Fault.Stall => "stall",
        Fault.Truncated => "truncated",
        Fault.WrongContentType => "wrong-content-type",
        Fault.Empty => "empty",
        Fault.Quota => "quota",
        Fault.DroppedSentence => "dropped-sentence",
        Fault.RepeatedSentence => "repeated-sentence",
        Fault.ExtraSpeech => "extra-speech",
        Fault.MisheardWord => "misheard-word",
        Fault.TranscriptionOutage => "transcription-outage",
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };
}
