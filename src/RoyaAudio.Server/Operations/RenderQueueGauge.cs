using System.Data.Common;
using System.Diagnostics.Metrics;
using Dapper;
using RoyaAudio.Server.Database;
using RoyaAudio.Server.Jobs;
using RoyaAudio.Server.Renditions;

namespace RoyaAudio.Server.Operations;

/// <summary>
/// The render queue as the renditions table has it, read only when a collector asks (a scrape, an OTLP
/// export): one indexed query answers both gauges, and its answer is reused for a second so that gauges
/// collected together, or collectors asking at once, cost one query.
/// </summary>
public sealed class RenderQueueGauge(AppDatabase database, TimeProvider clock, ILogger<RenderQueueGauge> log)
{
    private static readonly TimeSpan Reuse = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private long _readAt;
    private IReadOnlyList<Waiting>? _last;

    public IEnumerable<Measurement<long>> Depths() =>
        Read().Select(w => new Measurement<long>(w.Count, new KeyValuePair<string, object?>("queue", w.Queue)));

    public IEnumerable<Measurement<double>> OldestAges()
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return Read().Select(w => new Measurement<double>(
            w.OldestCreatedAt is { } oldest ? Math.Max(0, now - oldest) / 1000.0 : 0, new KeyValuePair<string, object?>("queue", w.Queue)));
    }

    private IReadOnlyList<Waiting> Read()
    {
        lock (_gate)
        {
            if (_last is null || clock.GetElapsedTime(_readAt) >= Reuse)
            {
                _last = Query();
                _readAt = clock.GetTimestamp();
            }

            return _last;
        }
    }

    /// <summary>Every known queue appears, with zero when nothing waits, so its series never gaps.</summary>
    private IReadOnlyList<Waiting> Query()
    {
        try
        {
            // Collection callbacks are synchronous; the query is short and bounded.
            using var limit = new CancellationTokenSource(QueryTimeout);
            var rows = QueryAsync(limit.Token).GetAwaiter().GetResult();
            return [.. Queues.ByPriority.Union(rows.Keys).Select(q => rows.TryGetValue(q, out var row) ? row : new Waiting(q, 0, null))];
        }
        catch (Exception e) when (e is DbException or TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            // No answer is better than a wrong one: the gauges skip this collection.
            log.LogWarning("the render queue could not be read for metrics: {Reason}", e.Message);
            return [];
        }
    }

    private async Task<Dictionary<string, Waiting>> QueryAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Waiting>(new CommandDefinition(
            $"""
            SELECT queue AS Queue, COUNT(*) AS Count, MIN(created_at) AS OldestCreatedAt
            FROM renditions WHERE status IN {RenditionStatus.Sql(RenditionStatus.Waiting)} GROUP BY queue
            """,
            commandTimeout: (int)QueryTimeout.TotalSeconds, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Queue, StringComparer.Ordinal);
    }

    private sealed class Waiting
    {
        public Waiting()
        {
        }

        public Waiting(string queue, long count, long? oldestCreatedAt) => (Queue, Count, OldestCreatedAt) = (queue, count, oldestCreatedAt);

        public string Queue { get; set; } = "";

        public long Count { get; set; }

        public long? OldestCreatedAt { get; set; }
    }
}
