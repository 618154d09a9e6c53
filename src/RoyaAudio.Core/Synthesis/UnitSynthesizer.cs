using RoyaAudio.Synthesis.Verification;

namespace RoyaAudio.Synthesis;

/// <summary>
/// Makes sure every unit of a render has audio in the cache: cached units cost nothing, the rest go to
/// the engine with bounded concurrency. Identical units in one article are requested once. Units are
/// requested in order and each reports when its clip is ready, so assembly can start on the first
/// clips while later ones are still being spoken.
/// </summary>
public sealed class UnitSynthesizer
{
    private readonly ITtsEngine _engine;
    private readonly UnitCache _cache;
    private readonly UnitVerifier? _verifier;

    /// <param name="verifier">Checks each unit as it is bought; null renders without verification.</param>
    public UnitSynthesizer(ITtsEngine engine, UnitCache cache, UnitVerifier? verifier = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(cache);
        _engine = engine;
        _cache = cache;
        _verifier = verifier;
    }

    public Task<SynthesisResult> SynthesizeAsync(
        IReadOnlyList<SynthesisUnit> units, string language, VoiceChoice voice, IProgress<int>? progress, CancellationToken cancellationToken) =>
        Start(units, language, voice, progress, cancellationToken).Completion;

    /// <param name="reread">Sentences whose units are bought again even when cached (locally or in the shared tier).</param>
    public SynthesisRun Start(
        IReadOnlyList<SynthesisUnit> units, string language, VoiceChoice voice, IProgress<int>? progress, CancellationToken cancellationToken,
        IReadOnlySet<int>? reread = null)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(voice);

        var keys = units.Select(u => ScriptHash.OfUnit(u.Text, voice)).ToArray();
        var ready = keys.Distinct(StringComparer.Ordinal).ToDictionary(k => k, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), StringComparer.Ordinal);
        var missing = new List<(string Key, SynthesisUnit Unit)>();
        var requested = new HashSet<string>(StringComparer.Ordinal);
        var cacheHits = 0;
        var bypass = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < units.Count; i++)
        {
            if (reread is { Count: > 0 } && units[i].Sentences.Any(s => reread.Contains(s.Index)))
            {
                bypass.Add(keys[i]);
            }
        }

        for (var i = 0; i < units.Count; i++)
        {
            if (_cache.Contains(keys[i]) && !bypass.Contains(keys[i]))
            {
                cacheHits++;
                ready[keys[i]].TrySetResult();
            }
            else if (!ready[keys[i]].Task.IsCompleted && requested.Add(keys[i]))
            {
                missing.Add((keys[i], units[i]));
            }
        }

        SpeechTelemetry.RecordCacheHits(_engine.Name, "local", cacheHits);
        var paths = keys.Select(_cache.PathFor).ToArray();
        return new SynthesisRun(paths, [.. keys.Select(k => ready[k].Task)], CompleteAsync());

        async Task<SynthesisResult> CompleteAsync()
        {
            var tally = _verifier is null ? null : new VerificationTally();
            var boughtFlags = new System.Collections.Concurrent.ConcurrentDictionary<string, UnitFlags?>(StringComparer.Ordinal);
            var (characters, attempts, sharedHits, secondReadings) = await RunAsync(missing, ready, language, voice, tally, bypass, boughtFlags, progress, cancellationToken);
            if (tally is not null)
            {
                // Units bought now are flagged by their own verdict; the rest by what the cache keeps beside them, so a
                // unit bought wrong in an earlier render is flagged in this one too.
                for (var i = 0; i < units.Count; i++)
                {
                    if ((boughtFlags.TryGetValue(keys[i], out var bought) ? bought : _cache.FlagsOf(keys[i])) is { } flags)
                    {
                        // Lines around the story (index −1: an intro, the AI note) are not the article's, so not the desk's to review.
                        tally.Flag(flags.Parts.Where(p => p < units[i].Parts.Count && units[i].Parts[p].Sentence.Index >= 0)
                            .Select(p => new SentenceFinding(units[i].Parts[p].Sentence.Index, flags.HeardParts?.ElementAtOrDefault(p) ?? flags.Heard, flags.Reason)));
                    }
                }

                _verifier!.Rates.Save();
            }

            // A second reading is a request of its own, not a retry of the first.
            return new SynthesisResult(paths, missing.Count - sharedHits + secondReadings, attempts, cacheHits + sharedHits, characters, tally?.Summary());
        }
    }

    private async Task<(int Characters, int Attempts, int SharedHits, int SecondReadings)> RunAsync(
        List<(string Key, SynthesisUnit Unit)> missing, Dictionary<string, TaskCompletionSource> ready, string language,
        VoiceChoice voice, VerificationTally? tally, HashSet<string> bypass, System.Collections.Concurrent.ConcurrentDictionary<string, UnitFlags?> boughtFlags, IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        var done = 0;
        var characters = 0;
        var attempts = 0;
        var sharedHits = 0;
        var secondReadings = 0;
        try
        {
            // The first request goes alone: a bad key or voice then costs one request, not a burst.
            if (missing.Count > 0)
            {
                await SynthesizeOneAsync(missing[0], cancellationToken);
            }

            await Parallel.ForEachAsync(
                missing.Skip(1),
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _engine.MaxConcurrency), CancellationToken = cancellationToken },
                async (entry, token) => await SynthesizeOneAsync(entry, token));
        }
        catch (Exception e)
        {
            // Whoever waits for a clip learns why it will never come.
            foreach (var source in ready.Values)
            {
                if (source.TrySetException(e))
                {
                    _ = source.Task.Exception; // observed: only the first waiter needs to rethrow it
                }
            }

            throw;
        }

        return (characters, attempts, sharedHits, secondReadings);

        async Task SynthesizeOneAsync((string Key, SynthesisUnit Unit) entry, CancellationToken token)
        {
            var (key, unit) = entry;

            // The first reading, checked; when it fails, a second, checked. Voices that skip or repeat do so at
            // random, so a second reading is usually right; if not, an editor hears it. Paid-for audio is never
            // dropped: a check cut short by cancellation or a second reading that fails leaves the first, flagged.
            async Task<(SpeechAudio Audio, UnitFlags? Flags)> VerifyAsync(SynthesisUnit unit, SpeechAudio first)
            {
                UnitCheck check;
                try
                {
                    check = await _verifier!.CheckAsync(unit, first, language, voice, token);
                }
                catch (OperationCanceledException)
                {
                    return (first, Doubt(unit, "its check was cut short when the render was cancelled"));
                }

                tally!.Add(check, unit.Index, secondReading: false);
                if (check.Passed)
                {
                    return (first, null);
                }

                SpeechAudio again;
                UnitCheck second;
                try
                {
                    again = await SpeakAsync();
                    Interlocked.Increment(ref secondReadings);
                    second = await _verifier.CheckAsync(unit, again, language, voice, token, previous: (check, first));
                }
                catch (OperationCanceledException)
                {
                    return (first, new UnitFlags(check.FlaggedParts, check.Heard, string.Join("; ", check.Reasons), check.HeardParts));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    return (first, new UnitFlags(check.FlaggedParts, check.Heard, $"{string.Join("; ", check.Reasons)}; the second reading failed: {e.Message}", check.HeardParts));
                }

                tally.Add(second, unit.Index, secondReading: true);
                return (again, second.Passed ? null : new UnitFlags(second.FlaggedParts, second.Heard, string.Join("; ", second.Reasons), second.HeardParts));
            }

            async Task<SpeechAudio> SpeakAsync()
            {
                var request = new SpeechRequest(unit.Text, language, voice.Voice, voice.Speed, voice.Instructions);
                var audio = await _engine.SynthesizeAsync(request, token);
                if (audio.Pcm16.Length == 0)
                {
                    throw new InvalidOperationException($"{_engine.Name} returned empty audio for unit {unit.Index}");
                }

                Interlocked.Add(ref characters, unit.Text.Length);
                Interlocked.Add(ref attempts, audio.Attempts);
                return audio;
            }

            if (!bypass.Contains(key) && await _cache.TryFetchSharedAsync(key, token))
            {
                Interlocked.Increment(ref sharedHits);
                SpeechTelemetry.RecordCacheHits(_engine.Name, "shared", 1);
                ready[key].TrySetResult();
                progress?.Report(Interlocked.Increment(ref done));
                return;
            }

            var audio = await SpeakAsync();
            UnitFlags? flagged = null;
            if (_verifier is not null)
            {
                (audio, flagged) = await VerifyAsync(unit, audio);
                boughtFlags[key] = flagged;
                // Flags first: a reader that finds the audio finds its doubts with it. A doubted unit stays on this
                // machine; another worker that needs it buys and checks its own.
                await _cache.StoreFlagsAsync(key, flagged, CancellationToken.None);
            }

            // Paid-for audio is kept (and shared) even if the render is being cancelled.
            await _cache.StoreAsync(key, audio, CancellationToken.None, share: flagged is null);
            ready[key].TrySetResult();
            progress?.Report(Interlocked.Increment(ref done));
        }
    }

    /// <summary>Every sentence of a unit doubted, for a reason that is not a verdict on what it says.</summary>
    private static UnitFlags Doubt(SynthesisUnit unit, string reason) => new([.. Enumerable.Range(0, unit.Parts.Count)], null, reason);
}

/// <param name="ClipPaths">One cached WAV per unit, in unit order.</param>
/// <param name="Requests">Units the engine was asked for (identical units count once).</param>
/// <param name="Attempts">Requests the service received, retries included.</param>
/// <param name="Verification">What the checks of the bought units found; null when verification is off.</param>
public sealed record SynthesisResult(
    IReadOnlyList<string> ClipPaths, int Requests, int Attempts, int CacheHits, int CharactersSent, VerificationSummary? Verification = null)
{
    public int Retries => Attempts - Requests;
}

/// <summary>A synthesis under way: where each clip will be, when it is there, and the totals at the end.</summary>
public sealed record SynthesisRun(IReadOnlyList<string> ClipPaths, IReadOnlyList<Task> ClipReady, Task<SynthesisResult> Completion);
