using Polly.CircuitBreaker;

namespace RoyaAudio.Synthesis.Remote;

/// <summary>
/// The circuit breaker in front of one speech service: whether calls go through now, and how often it
/// has opened since start (for health checks and operators).
/// </summary>
public sealed class SpeechCircuit
{
    private int _openings;

    internal CircuitBreakerStateProvider StateProvider { get; } = new();

    /// <summary>Closed: calls go through. Open: none do until the next probe. HalfOpen: one probe is out.</summary>
    public CircuitState State => StateProvider.CircuitState;

    public int Openings => Volatile.Read(ref _openings);

    internal void Opened() => Interlocked.Increment(ref _openings);
}

/// <summary>The speech service is down and the circuit is open: worth another attempt later, not now.</summary>
public sealed class SpeechServiceUnavailableException : Exception
{
    public SpeechServiceUnavailableException(string message, Exception inner) : base(message, inner) { }

    public SpeechServiceUnavailableException() { }

    public SpeechServiceUnavailableException(string message) : base(message) { }
}
