using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace RoyaAudio.SpeechServer;

/// <summary>
/// What each answer really said, by the hash of its samples. This server cannot recognise speech; it
/// transcribes by remembering, which is exact for its own audio, faults included, and knows nothing else.
/// </summary>
internal sealed class SpokenAudio
{
    /// <summary>Enough for a long soak; beyond it the oldest knowledge goes all at once, which only costs unchecked units.</summary>
    private const int Capacity = 50_000;

    private readonly ConcurrentDictionary<string, string> _said = new(StringComparer.Ordinal);

    public void Remember(ReadOnlySpan<byte> pcm16, string said)
    {
        if (_said.Count >= Capacity)
        {
            _said.Clear();
        }

        _said[Key(pcm16)] = said;
    }

    public string? Recall(ReadOnlySpan<byte> pcm16) => _said.TryGetValue(Key(pcm16), out var said) ? said : null;

    private static string Key(ReadOnlySpan<byte> pcm16) => Convert.ToHexStringLower(SHA256.HashData(pcm16));
}
