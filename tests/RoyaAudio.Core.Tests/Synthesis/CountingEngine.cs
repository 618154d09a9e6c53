using RoyaAudio.Synthesis;

namespace RoyaAudio.Tests.Synthesis;

/// <summary>Counts real engine calls; the audio still comes from espeak-ng.</summary>
internal sealed class CountingEngine(ITtsEngine inner) : ITtsEngine
{
    private int _calls;

    public int Calls => _calls;

    public string Name => inner.Name;

    public string Model => inner.Model;

    public int MaxConcurrency => inner.MaxConcurrency;

    public UnitPacking Packing => inner.Packing;

    public double PricePerMillionCharacters => inner.PricePerMillionCharacters;

    public bool IsLocal => inner.IsLocal;

    public string? MissingPrerequisite => inner.MissingPrerequisite;

    public string Condition => inner.Condition;

    public string DefaultVoice(string language) => inner.DefaultVoice(language);

    public string? Instructions(string language) => inner.Instructions(language);

    public Task<IReadOnlyList<VoiceOption>> VoicesAsync(string language, CancellationToken cancellationToken) =>
        inner.VoicesAsync(language, cancellationToken);

    public Task<SpeechAudio> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return inner.SynthesizeAsync(request, cancellationToken);
    }
}
