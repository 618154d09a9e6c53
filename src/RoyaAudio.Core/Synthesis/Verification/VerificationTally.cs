namespace RoyaAudio.Synthesis.Verification;

/// <summary>Counts a render's checks as its units are bought, from several threads at once.</summary>
public sealed class VerificationTally
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<int, SentenceFinding> _flagged = [];
    private readonly List<string> _notes = [];
    private int _checked;
    private int _transcribed;
    private int _unchecked;
    private int _mismatches;
    private int _resynthesised;
    private double _transcribedSeconds;

    /// <summary>Notes kept for the manifest: enough for an editor to see the pattern.</summary>
    private const int MaxNotes = 10;

    public void Add(UnitCheck check, int unitIndex, bool secondReading)
    {
        ArgumentNullException.ThrowIfNull(check);
        lock (_lock)
        {
            _transcribedSeconds += check.TranscribedSeconds;
            if (secondReading)
            {
                _resynthesised++;
            }
            else if (check.Judged)
            {
                _checked++;
            }

            if (!secondReading && check.Transcribed)
            {
                _transcribed++;
            }

            if (!secondReading && (!check.Judged || check.Unavailable is not null))
            {
                _unchecked++;
            }

            if (!secondReading && check.Unavailable is not null)
            {
                Note($"unit {unitIndex + 1} unchecked: {check.Unavailable}");
            }

            if (!check.Passed)
            {
                if (!secondReading)
                {
                    _mismatches++;
                }

                Note($"unit {unitIndex + 1}{(secondReading ? ", read again" : "")}: {string.Join("; ", check.Reasons)}");
            }
        }
    }

    /// <summary>Sentences that stayed wrong after a second reading, or that a cached unit carries from when it was bought.</summary>
    public void Flag(IEnumerable<SentenceFinding> findings)
    {
        lock (_lock)
        {
            foreach (var finding in findings)
            {
                _flagged.TryAdd(finding.Sentence, finding);
            }
        }
    }

    public VerificationSummary Summary()
    {
        lock (_lock)
        {
            return new VerificationSummary
            {
                CheckedUnits = _checked,
                TranscribedUnits = _transcribed,
                UncheckedUnits = _unchecked,
                Mismatches = _mismatches,
                Resynthesised = _resynthesised,
                Flagged = [.. _flagged.Keys],
                Findings = [.. _flagged.Values],
                TranscribedSeconds = Math.Round(_transcribedSeconds, 1),
                Notes = [.. _notes],
            };
        }
    }

    private void Note(string note)
    {
        if (_notes.Count < MaxNotes)
        {
            _notes.Add(note);
        }
    }
}

/// <summary>What verification found in one render; the manifest's <c>verification</c>.</summary>
public sealed record VerificationSummary
{
    /// <summary>Units bought in this render that got a verdict (cached units were checked when they were bought).</summary>
    public int CheckedUnits { get; init; }

    /// <summary>Of those, units a transcription service heard.</summary>
    public int TranscribedUnits { get; init; }

    /// <summary>Units bought without the checks they should have had: no transcript to be had, or too short for the length check alone.</summary>
    public int UncheckedUnits { get; init; }

    /// <summary>Units whose first reading failed a check.</summary>
    public int Mismatches { get; init; }

    /// <summary>Units read a second time because the first failed.</summary>
    public int Resynthesised { get; init; }

    /// <summary>Script indices of the sentences left for an editor to review.</summary>
    public IReadOnlyList<int> Flagged { get; init; } = [];

    /// <summary>Seconds of audio sent for transcription, which the transcription service bills by the minute.</summary>
    public double TranscribedSeconds { get; init; }

    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Per flagged sentence: what was heard in its unit and why it was doubted, for the review desk.</summary>
    public IReadOnlyList<SentenceFinding> Findings { get; init; } = [];
}

/// <param name="Sentence">Script index of the flagged sentence.</param>
/// <param name="Heard">What transcription heard of the unit holding it; null when only its length was judged.</param>
public sealed record SentenceFinding(int Sentence, string? Heard, string Reason);
