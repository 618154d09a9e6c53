using Npgsql;

namespace RoyaAudio.Benchmarks.Service;

/// <summary>
/// What became of the articles a run published, from the service's own record: every one must end ready.
/// Failed: a render spent its retries. Not ready: still queued, rendering or retrying when the wait ended
/// (the time ran out, or another article's failed render ended it early).
/// Lost: the publish was accepted but the service holds no rendition of the article at all.
/// A throughput figure counts only when its run passes, so a fast run that dropped work never meets a target.
/// </summary>
internal sealed record RunCheck(int Published, int Ready, int Failed, int NotReady, int Lost)
{
    public bool Passed => Ready == Published && Failed == 0 && NotReady == 0 && Lost == 0;

    /// <summary>Each published article counted once, under its worst outcome: a failed render outweighs a ready one beside it.</summary>
    public static async Task<RunCheck> OfAsync(BenchDatabase database, IReadOnlyList<string> published, CancellationToken cancellationToken)
    {
        var outcomes = (await database.CountsAsync(
            """
            SELECT outcome, count(*) FROM (
                SELECT CASE WHEN bool_or(r.status = 'failed') THEN 'failed'
                            WHEN bool_or(r.status = 'ready') THEN 'ready'
                            WHEN count(r.id) > 0 THEN 'not ready'
                            ELSE 'lost' END AS outcome
                FROM unnest(@published) AS p(id) LEFT JOIN renditions r ON r.article_id = p.id
                GROUP BY p.id
            ) articles GROUP BY outcome
            """, cancellationToken, new NpgsqlParameter("published", published.ToArray()))).ToDictionary(o => o.Key, o => (int)o.Count, StringComparer.Ordinal);
        return new RunCheck(published.Count, Count("ready"), Count("failed"), Count("not ready"), Count("lost"));

        int Count(string outcome) => outcomes.GetValueOrDefault(outcome);
    }

    /// <summary>"ok", or what went wrong, e.g. "28 of 30 ready: 1 failed, 1 not ready".</summary>
    public override string ToString()
    {
        if (Passed)
        {
            return "ok";
        }

        var problems = new[] { (Failed, "failed"), (NotReady, "not ready"), (Lost, "lost") }.Where(p => p.Item1 > 0).Select(p => $"{p.Item1} {p.Item2}");
        return $"{Ready} of {Published} ready: {string.Join(", ", problems)}";
    }
}
