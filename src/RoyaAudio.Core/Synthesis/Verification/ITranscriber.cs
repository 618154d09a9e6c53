namespace RoyaAudio.Synthesis.Verification;

/// <summary>A speech-to-text service that hears what a voice really said: Azure OpenAI's or OpenAI's transcription.</summary>
public interface ITranscriber
{
    /// <summary>Short name for reports ("azure-openai:gpt-4o-mini-transcribe").</summary>
    string Name { get; }

    /// <summary>What the service charges per minute of audio (0 when unknown).</summary>
    double PricePerMinute { get; }

    /// <summary>What the audio says, as the service writes it.</summary>
    /// <exception cref="TranscriptionUnavailableException">The service could not be asked or did not answer with a transcript.</exception>
    Task<string> TranscribeAsync(SpeechAudio audio, string language, CancellationToken cancellationToken);
}

/// <summary>No transcript this time; the unit goes on unchecked, never failed.</summary>
public sealed class TranscriptionUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
