namespace RoyaAudio.Synthesis;

/// <summary>A text-to-speech service: the local espeak-ng engine or a remote one over HTTP.</summary>
public interface ITtsEngine
{
    /// <summary>Short stable name, part of every cache key ("espeak", "azure-openai", "openai").</summary>
    string Name { get; }

    /// <summary>Model or engine version, part of every cache key, so a new voice model never reuses old audio.</summary>
    string Model { get; }

    /// <summary>Requests this engine may have in flight at once.</summary>
    int MaxConcurrency { get; }

    /// <summary>How the planner should cut the script into requests for this engine.</summary>
    UnitPacking Packing { get; }

    /// <summary>The voice used for a language when the caller names none.</summary>
    string DefaultVoice(string language);

    /// <summary>The newsroom's reading style for a language, for models that take one; otherwise null.</summary>
    string? Instructions(string language);

    /// <summary>What the service charges per million characters sent (0 for the local engine).</summary>
    double PricePerMillionCharacters { get; }

    /// <summary>
    /// Speaks on this machine at no cost, so a voice can be tried before it is accepted; a remote engine's
    /// calls are billed, and the service itself names a wrong voice on the first request.
    /// </summary>
    bool IsLocal { get; }

    /// <summary>Why the engine cannot speak here (a program that is not installed), found without speaking; null when it can.</summary>
    string? MissingPrerequisite { get; }

    /// <summary>One line for health reports: the engine's name and, for a remote one, the state of its circuit.</summary>
    string Condition { get; }

    /// <summary>
    /// The voices that can read <paramref name="language"/> with this engine, the default first. Every voice a
    /// render, a regeneration or a setting names must be one of them: a name the engine does not know can
    /// crash it (espeak-ng segfaults on some) or read the copy in the wrong language.
    /// </summary>
    Task<IReadOnlyList<VoiceOption>> VoicesAsync(string language, CancellationToken cancellationToken);

    Task<SpeechAudio> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken);
}

/// <param name="Name">What the engine is asked for ("en-gb-x-rp", "alloy").</param>
/// <param name="Label">What an editor reads ("English (Received Pronunciation)").</param>
public sealed record VoiceOption(string Name, string Label);

/// <param name="Instructions">Reading style for models that take one; engines that do not ignore it.</param>
public sealed record SpeechRequest(string Text, string Language, string Voice, double Speed, string? Instructions = null);

/// <summary>Mono 16-bit little-endian PCM at <paramref name="SampleRate"/>: what every engine returns, so nothing is decoded twice.</summary>
/// <param name="Attempts">Requests it took, retries included: what the service saw.</param>
public sealed record SpeechAudio(int SampleRate, ReadOnlyMemory<byte> Pcm16, int Attempts = 1)
{
    public TimeSpan Duration => TimeSpan.FromSeconds(Pcm16.Length / 2.0 / SampleRate);

    /// <summary>The samples in a WAV file: what browsers play and every transcription service takes.</summary>
    public byte[] ToWav()
    {
        var wav = new MemoryStream(Pcm16.Length + 64);
        using (var writer = new NAudio.Wave.WaveFileWriter(wav, new NAudio.Wave.WaveFormat(SampleRate, 16, 1)))
        {
            writer.Write(Pcm16.Span);
        }

        return wav.ToArray();
    }
}

/// <summary>One sentence per request (local engine), or a paragraph's sentences packed up to a character limit (remote engines).</summary>
public sealed record UnitPacking(bool PackParagraphs, int MaxCharacters)
{
    public static UnitPacking OneSentencePerUnit { get; } = new(false, int.MaxValue);
}

/// <summary>The user-facing choice of how the article sounds; part of the script hash and of each unit's cache key.</summary>
public sealed record VoiceChoice(string Engine, string Model, string Voice, double Speed, string? Instructions = null)
{
    /// <summary>The engine's voice for the language unless another was asked for, at normal speed, with the engine's reading style.</summary>
    public static VoiceChoice For(ITtsEngine engine, string language, string? voice)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return new(engine.Name, engine.Model, string.IsNullOrWhiteSpace(voice) ? engine.DefaultVoice(language) : voice, Speed: 1.0, engine.Instructions(language));
    }
}
