namespace RoyaAudio.SpeechServer;

/// <summary>
/// Settings of a <see cref="LocalSpeechServer"/>. The server reads them on every request, so tests can
/// change the key, the latency or the faults while it runs.
/// </summary>
public sealed class SpeechServerOptions
{
    /// <summary>The key both protocols require: <c>api-key</c> on the Azure path, <c>Authorization: Bearer</c> on the OpenAI path.</summary>
    public string ApiKey { get; set; } = "local-key";

    public FaultOptions Faults { get; set; } = new();

    /// <summary>Answers that are audio but not quite what was asked, and transcripts that are not quite what was said.</summary>
    public ContentFaults Content { get; set; } = new();

    /// <summary>Milliseconds added before every successful answer (speech and transcription), to look like a remote service.</summary>
    public int AddedLatencyMs { get; set; }

    /// <summary>
    /// Keep each rendered answer and give it again for the same request (format, voice, speed,
    /// instructions, text). For benchmarks of the client: after a priming run the server costs almost no
    /// CPU, as a remote provider's would, while the added latency still stands for its speaking time.
    /// </summary>
    public bool ReuseAnswers { get; set; }

    /// <summary>
    /// Requests a minute the server admits, judged as Azure OpenAI judges a deployment's quota: over any
    /// sliding 10 s window, at most a sixth of it (see <see cref="RequestQuota"/>). Beyond that: 429 with
    /// Retry-After and retry-after-ms. 0: no quota.
    /// </summary>
    public int QuotaPerMinute { get; set; }
}

/// <summary>
/// Faults injected into valid requests. Each share is a probability from 0 to 1; they are tried in the
/// order outage, 429, 500/503, stall, truncated, wrong content type, empty, and the first that is drawn wins.
/// </summary>
public sealed class FaultOptions
{
    /// <summary>Answers 429 with a Retry-After header.</summary>
    public double RateLimitShare { get; set; }

    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Answers 500 or 503 (an even draw) with an OpenAI-style error body.</summary>
    public double ServerErrorShare { get; set; }

    /// <summary>Waits <see cref="StallSeconds"/> before answering normally, if the client has not given up by then.</summary>
    public double StallShare { get; set; }

    public int StallSeconds { get; set; } = 30;

    /// <summary>Declares the Content-Length of the whole audio, sends half of it and aborts the connection.</summary>
    public double TruncatedShare { get; set; }

    /// <summary>Answers 200 with an HTML page, as a misrouted gateway would.</summary>
    public double WrongContentTypeShare { get; set; }

    /// <summary>Answers 200 with the audio content type and no body.</summary>
    public double EmptyAudioShare { get; set; }

    /// <summary>While true every valid request gets 503.</summary>
    public bool Outage { get; set; }

    /// <summary>Seeds the fault draws when the server starts: the same seed gives the same sequence of faults.</summary>
    public int Seed { get; set; } = 1;
}

/// <summary>
/// Faults in what the voice says rather than in how the service answers, as LLM voices make them in long
/// inputs. Each count is how many of the next answers get the fault; the server counts them down. The
/// server remembers what each answer really said, so its transcription endpoints hear the fault.
/// </summary>
public sealed class ContentFaults
{
    private readonly Lock _lock = new();

    /// <summary>Next speech answers (of inputs with two or more sentences) that leave out the last sentence.</summary>
    public int DropLastSentence { get; set; }

    /// <summary>Next speech answers that say the first sentence twice.</summary>
    public int RepeatFirstSentence { get; set; }

    /// <summary>Next speech answers that go on for about 10 s after the input.</summary>
    public int ExtraSpeech { get; set; }

    /// <summary>Next transcripts with one word (the middle one) heard wrong.</summary>
    public int MisheardWord { get; set; }

    /// <summary>While true both transcription endpoints answer 503.</summary>
    public bool TranscriptionOutage { get; set; }

    /// <summary>Takes one from a count when it is above zero; false when it is spent.</summary>
    internal bool Take(Func<ContentFaults, int> count, Action<ContentFaults, int> set)
    {
        lock (_lock)
        {
            var left = count(this);
            if (left <= 0)
            {
                return false;
            }

            set(this, left - 1);
            return true;
        }
    }
}
