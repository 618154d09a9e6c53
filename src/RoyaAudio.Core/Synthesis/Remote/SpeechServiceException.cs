namespace RoyaAudio.Synthesis.Remote;

/// <summary>The speech service refused a request in a way retrying cannot fix (bad key, bad voice, too long); the message carries the service's own words.</summary>
public sealed class SpeechServiceException : Exception
{
    public SpeechServiceException(string message, int status, Exception? inner = null) : base(message, inner)
    {
        Status = status;
    }

    public SpeechServiceException() { }

    public SpeechServiceException(string message) : base(message) { }

    public SpeechServiceException(string message, Exception inner) : base(message, inner) { }

    public int Status { get; }
}

/// <summary>An answer that claims success but carries no usable audio (empty, wrong type, cut short); worth another try.</summary>
public sealed class InvalidSpeechAnswerException : Exception
{
    public InvalidSpeechAnswerException(string message) : base(message) { }

    public InvalidSpeechAnswerException() { }

    public InvalidSpeechAnswerException(string message, Exception inner) : base(message, inner) { }
}
