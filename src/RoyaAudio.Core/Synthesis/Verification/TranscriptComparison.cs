namespace RoyaAudio.Synthesis.Verification;

/// <summary>
/// Compares what a unit should say with what a transcription heard, word by word after both are brought
/// to one written form. A run of <see cref="DivergentRun"/> or more diverging words, a sentence mostly
/// missing, or a sentence said again, is a mismatch; a lone misheard word is not, since transcription
/// itself mishears names and rare words.
/// </summary>
public static class TranscriptComparison
{
    /// <summary>Diverging words in a row that make a mismatch.</summary>
    public const int DivergentRun = 8;

    /// <summary>A sentence with less than this share of its words heard is missing.</summary>
    private const double HeardShare = 0.5;

    /// <summary>An inserted run this long that repeats most of a sentence is that sentence said again.</summary>
    private const int RepeatedRunWords = 3;

    /// <param name="sentences">The unit's sentences (or pieces) as sent to the voice, in order.</param>
    /// <param name="transcript">What the transcription heard.</param>
    /// <param name="words">Turns a text into comparable words (see <see cref="TranscriptWords"/>).</param>
    public static TranscriptVerdict Compare(IReadOnlyList<string> sentences, string transcript, Func<string, IReadOnlyList<string>> words)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(words);
        var expected = new List<(string Word, int Sentence)>();
        var sentenceWords = new List<string[]>();
        for (var s = 0; s < sentences.Count; s++)
        {
            var these = words(sentences[s]).ToArray();
            sentenceWords.Add(these);
            expected.AddRange(these.Select(w => (w, s)));
        }

        var heard = words(transcript ?? "");
        var steps = Align(expected.Select(e => e.Word).ToArray(), heard);

        var flagged = new SortedSet<int>();
        var reasons = new List<string>();
        var matchedPerSentence = new int[sentences.Count];
        var heardPerSentence = Enumerable.Range(0, sentences.Count).Select(_ => new List<string>()).ToArray();
        var expectedIndex = 0;
        var heardIndex = 0;
        var run = new List<(Step Step, int Expected, int Heard)>();
        foreach (var step in steps.Append(Step.Match))
        {
            // What was heard is given to the sentence it was heard in place of, or, when added, to the one before it.
            if (heardIndex < heard.Count && sentences.Count > 0 && step != Step.Missing)
            {
                var owner = step == Step.Added
                    ? (expectedIndex > 0 ? expected[Math.Min(expectedIndex, expected.Count) - 1].Sentence : 0)
                    : expectedIndex < expected.Count ? expected[expectedIndex].Sentence : sentences.Count - 1;
                heardPerSentence[owner].Add(heard[heardIndex]);
            }

            if (step == Step.Match)
            {
                Judge(run);
                run.Clear();
                if (expectedIndex < expected.Count)
                {
                    matchedPerSentence[expected[expectedIndex].Sentence]++;
                }
            }
            else
            {
                run.Add((step, expectedIndex, heardIndex));
            }

            if (step is Step.Match or Step.Substitute or Step.Missing)
            {
                expectedIndex++;
            }

            if (step is Step.Match or Step.Substitute or Step.Added)
            {
                heardIndex++;
            }
        }

        for (var s = 0; s < sentences.Count; s++)
        {
            if (sentenceWords[s].Length > 0 && matchedPerSentence[s] < sentenceWords[s].Length * HeardShare)
            {
                flagged.Add(s);
                reasons.Add($"{Quote(sentences[s])} was not heard");
            }
        }

        return new TranscriptVerdict(flagged.Count == 0, [.. flagged], reasons, [.. heardPerSentence.Select(w => string.Join(' ', w))]);

        void Judge(List<(Step Step, int Expected, int Heard)> diverging)
        {
            if (diverging.Count == 0)
            {
                return;
            }

            var missing = diverging.Count(d => d.Step is Step.Missing or Step.Substitute);
            var added = diverging.Count(d => d.Step is Step.Added or Step.Substitute);
            var touched = diverging.Where(d => d.Step != Step.Added && d.Expected < expected.Count).Select(d => expected[d.Expected].Sentence).ToList();
            // Words heard where none were expected belong with the sentence they follow.
            var near = diverging[0].Expected > 0 ? expected[Math.Min(diverging[0].Expected, expected.Count) - 1].Sentence : 0;
            // A repetition is named as such, however long: it tells an editor more than a count of words.
            var inserted = diverging.Where(d => d.Step == Step.Added).Select(d => heard[d.Heard]).ToArray();
            if (inserted.Length >= RepeatedRunWords && RepeatedSentence(inserted) is { } repeated)
            {
                flagged.Add(repeated);
                reasons.Add($"{Quote(sentences[repeated])} was said again");
            }
            else if (Math.Max(missing, added) >= DivergentRun)
            {
                flagged.UnionWith(touched.Count > 0 ? touched : [near]);
                reasons.Add($"{Math.Max(missing, added)} words in a row differ from the text");
            }
        }

        int? RepeatedSentence(string[] inserted)
        {
            for (var s = 0; s < sentenceWords.Count; s++)
            {
                var sentence = sentenceWords[s];
                if (sentence.Length >= RepeatedRunWords && Align(sentence, inserted).Count(step => step == Step.Match) >= sentence.Length * 0.6)
                {
                    return s;
                }
            }

            return null;
        }
    }

    /// <summary>The sentence's opening words, enough for an editor to know which one is meant.</summary>
    private static string Quote(string sentence)
    {
        var words = sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length <= 6 ? $"“{string.Join(' ', words)}”" : $"“{string.Join(' ', words.Take(6))}…”";
    }

    private enum Step
    {
        Match,
        Substitute,

        /// <summary>In the text, not heard.</summary>
        Missing,

        /// <summary>Heard, not in the text.</summary>
        Added,
    }

    /// <summary>Word-level edit distance with its path (matches preferred), expected against heard.</summary>
    private static List<Step> Align(string[] expected, IReadOnlyList<string> heard)
    {
        int n = expected.Length, m = heard.Count;
        var cost = new int[n + 1, m + 1];
        for (var i = 0; i <= n; i++)
        {
            cost[i, 0] = i;
        }

        for (var j = 0; j <= m; j++)
        {
            cost[0, j] = j;
        }

        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                var same = string.Equals(expected[i - 1], heard[j - 1], StringComparison.Ordinal);
                cost[i, j] = Math.Min(cost[i - 1, j - 1] + (same ? 0 : 1), Math.Min(cost[i - 1, j], cost[i, j - 1]) + 1);
            }
        }

        var steps = new List<Step>(n + m);
        int a = n, b = m;
        while (a > 0 || b > 0)
        {
            if (a > 0 && b > 0 && string.Equals(expected[a - 1], heard[b - 1], StringComparison.Ordinal) && cost[a, b] == cost[a - 1, b - 1])
            {
                steps.Add(Step.Match);
                a--;
                b--;
            }
            else if (a > 0 && b > 0 && cost[a, b] == cost[a - 1, b - 1] + 1)
            {
                steps.Add(Step.Substitute);
                a--;
                b--;
            }
            else if (a > 0 && cost[a, b] == cost[a - 1, b] + 1)
            {
                steps.Add(Step.Missing);
                a--;
            }
            else
            {
                steps.Add(Step.Added);
                b--;
            }
        }

        steps.Reverse();
        return steps;
    }
}

/// <param name="Matches">False when the transcript shows a mismatch.</param>
/// <param name="Flagged">Positions, within the unit, of the sentences the mismatch touches.</param>
/// <param name="Reasons">What was wrong, in words an editor reads.</param>
/// <param name="HeardBySentence">Per sentence of the unit, the transcript's words heard in its place (in their compared form).</param>
public sealed record TranscriptVerdict(bool Matches, IReadOnlyList<int> Flagged, IReadOnlyList<string> Reasons, IReadOnlyList<string> HeardBySentence);
