using System.Collections.Concurrent;

namespace RoyaAudio.SpeechServer;

/// <summary>Answers already rendered, by everything that shapes the audio (see <see cref="SpeechServerOptions.ReuseAnswers"/>).</summary>
internal sealed class RenderedAnswers
{
    private readonly ConcurrentDictionary<SpeechFields, byte[]> _answers = new();

    public async Task<byte[]> GetOrRenderAsync(SpeechFields fields, SpeechRenderer renderer, CancellationToken cancellationToken)
    {
        // The model does not change espeak-ng's audio; every other field does.
        var key = fields with { Model = null };
        if (_answers.TryGetValue(key, out var known))
        {
            return known;
        }

        var audio = await renderer.RenderAsync(fields, cancellationToken);
        return _answers.GetOrAdd(key, audio);
    }
}
