using System.Globalization;

namespace RoyaAudio.Synthesis.Verification;

/// <summary>
/// Checks a unit the moment it is bought, before it goes into the cache: its length against the voice's
/// pace, and, when a transcription service is configured, what was heard against what was sent. A good
/// transcript outweighs an odd length (a voice may read slowly); without one, an odd length is suspect.
/// </summary>
public sealed class UnitVerifier
{
    private readonly SpeakingRates _rates;
    private readonly ITranscriber? _transcriber;
    private readonly Func<string, string, string>? _spell;

    /// <param name="spell">Writes a text's numbers as words in a language, so a transcript's digits compare with the spoken words.</param>
    public UnitVerifier(SpeakingRates rates, ITranscriber? transcriber, Func<string, string, string>? spell)
    {
        ArgumentNullException.ThrowIfNull(rates);
        _rates = rates;
        _transcriber = transcriber;
        _spell = spell;
    }

    public ITranscriber? Transcriber => _transcriber;

    public SpeakingRates Rates => _rates;

    /// <param name="previous">For a second reading: the first and its check.</param>
    public async Task<UnitCheck> CheckAsync(
        SynthesisUnit unit, SpeechAudio audio, string language, VoiceChoice voice, CancellationToken cancellationToken,
        (UnitCheck Check, SpeechAudio Audio)? previous = null)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(voice);
        var voiceKey = string.Join('|', voice.Engine, voice.Model, voice.Voice, voice.Speed.ToString("R", CultureInfo.InvariantCulture), language);
        var length = _rates.Judge(voiceKey, language, unit.Text.Length, audio.Duration);

        TranscriptVerdict? heard = null;
        string? transcript = null;
        string? unavailable = null;
        if (_transcriber is not null)
        {
            try
            {
                transcript = await _transcriber.TranscribeAsync(audio, language, cancellationToken);
                var words = new TranscriptWords(_spell is null ? null : text => _spell(text, language));
                heard = TranscriptComparison.Compare([.. unit.Parts.Select(p => p.Spoken)], transcript, words.Of);
            }
            catch (TranscriptionUnavailableException e)
            {
                unavailable = e.Message;
            }
        }

        var paceChanged = heard is null && length is { Plausible: false } && previous is { Check.Transcribed: false } p
            && Math.Abs(p.Audio.Duration.TotalSeconds - audio.Duration.TotalSeconds) <= 0.05 * audio.Duration.TotalSeconds;
        if (paceChanged)
        {
            // Two readings agree on a length the voice was not known for: its pace changed (a new rate setting or
            // model behind the same name), not its words. It is learnt afresh rather than doubted for ever.
            _rates.Relearn(voiceKey, unit.Text.Length, audio.Duration);
            length = length! with { Plausible = true };
        }

        var reasons = new List<string>();
        var flaggedParts = new SortedSet<int>();
        if (heard is { Matches: false })
        {
            reasons.AddRange(heard.Reasons);
            flaggedParts.UnionWith(heard.Flagged);
        }
        else if (heard is null && length is { Plausible: false })
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"{audio.Duration.TotalSeconds:F1} s of speech where the voice's pace gives {length.Expected.TotalSeconds:F1} s"));
            flaggedParts.UnionWith(Enumerable.Range(0, unit.Parts.Count));
        }

        var passed = reasons.Count == 0;
        if (passed && !paceChanged)
        {
            _rates.Learn(voiceKey, language, unit.Text.Length, audio.Duration);
        }

        return new UnitCheck(
            Judged: heard is not null || length is not null,
            Transcribed: heard is not null,
            Passed: passed,
            FlaggedParts: [.. flaggedParts],
            Reasons: reasons,
            TranscribedSeconds: heard is not null ? audio.Duration.TotalSeconds : 0,
            Unavailable: unavailable,
            Heard: transcript,
            HeardParts: heard?.HeardBySentence);
    }
}

/// <param name="Judged">A check gave a verdict (a transcript, or a unit long enough for the length check).</param>
/// <param name="FlaggedParts">Positions, within the unit, of the sentences an editor should hear.</param>
/// <param name="Unavailable">Why no transcript could be had, when one was wanted.</param>
/// <param name="Heard">The transcript, when there was one.</param>
/// <param name="HeardParts">Per sentence of the unit, what of the transcript was heard in its place.</param>
public sealed record UnitCheck(
    bool Judged, bool Transcribed, bool Passed, IReadOnlyList<int> FlaggedParts, IReadOnlyList<string> Reasons,
    double TranscribedSeconds, string? Unavailable, string? Heard = null, IReadOnlyList<string>? HeardParts = null);
