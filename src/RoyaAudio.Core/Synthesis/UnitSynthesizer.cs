namespace RoyaAudio.Synthesis;

/// <summary>
/// Makes sure every unit of a render has audio in the cache: cached units cost nothing, the rest go to
/// the engine with bounded concurrency. Identical units in one article are requested once.
/// </summary>
public sealed class UnitSynthesizer
{
    private readonly ITtsEngine _engine;
    private readonly UnitCache _cache;

    public UnitSynthesizer(ITtsEngine engine, UnitCache cache)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(cache);
        _engine = engine;
        _cache = cache;
    }

    public async Task<SynthesisResult> SynthesizeAsync(
        IReadOnlyList<SynthesisUnit> units, string language, VoiceChoice voice, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(voice);

        var keys = units.Select(u => ScriptHash.OfUnit(u.Text, voice)).ToArray();
        var missing = new Dictionary<string, SynthesisUnit>();
        var cacheHits = 0;
        for (var i = 0; i < units.Count; i++)
        {
            if (_cache.Contains(keys[i]))
            {
                cacheHits++;
            }
            else
            {
                missing.TryAdd(keys[i], units[i]);
            }
        }

        var done = 0;
        var characters = 0;
        await Parallel.ForEachAsync(
            missing,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _engine.MaxConcurrency), CancellationToken = cancellationToken },
            async (entry, token) =>
            {
                var (key, unit) = entry;
                var request = new SpeechRequest(unit.Text, language, voice.Voice, voice.Speed, voice.Instructions);
                var audio = await _engine.SynthesizeAsync(request, token);
                if (audio.Pcm16.Length == 0)
                {
                    throw new InvalidOperationException($"{_engine.Name} returned empty audio for unit {unit.Index}");
                }

                await _cache.StoreAsync(key, audio, token);
                Interlocked.Add(ref characters, unit.Text.Length);
                progress?.Report(Interlocked.Increment(ref done));
            });

        return new SynthesisResult(
            [.. keys.Select(_cache.PathFor)],
            Requests: missing.Count,
            CacheHits: cacheHits,
            CharactersSent: characters);
    }
}

/// <param name="ClipPaths">One cached WAV per unit, in unit order.</param>
public sealed record SynthesisResult(IReadOnlyList<string> ClipPaths, int Requests, int CacheHits, int CharactersSent);
