using System.Diagnostics;
using System.Net;

namespace RoyaAudio.Benchmarks.Service;

/// <summary>
/// An open-loop load generator: request i is due at start + i/rate whatever became of earlier ones, so a
/// slow service faces a growing queue instead of a client that politely waits (no coordinated omission).
/// Bounded: a fixed number of requests, at most <c>maxInFlight</c> outstanding (beyond that a request
/// is counted as an error, not sent), and a client timeout.
/// </summary>
internal sealed class OpenLoad(HttpClient http, Func<int, HttpRequestMessage> request)
{
    private const int NotSent = -1;
    private const int Failed = 0;

    /// <summary>A client with enough connections for an open loop; one connection per outstanding request, reused.</summary>
    public static HttpClient Client(Uri baseAddress) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 4096,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task<LoadResult> RunAsync(double rate, TimeSpan duration, int maxInFlight, CancellationToken cancellationToken)
    {
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        var status = new int[count];
        var latency = new double[count];
        var started = new long[count];
        var lag = new double[count];
        var pending = new List<Task>(count);
        var inFlight = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var begin = Stopwatch.GetTimestamp();

        // A dedicated thread keeps the schedule even when the thread pool is busy. It sleeps rather than
        // spins (two cores are shared with the service); requests that fell due meanwhile go out at once.
        var scheduler = new Thread(() =>
        {
            try
            {
                for (var i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
                {
                    var due = begin + (long)(i * (double)Stopwatch.Frequency / rate);
                    var wait = (due - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
                    if (wait > 0)
                    {
                        Thread.Sleep((int)Math.Ceiling(wait));
                    }

                    if (Volatile.Read(ref inFlight) >= maxInFlight)
                    {
                        status[i] = NotSent;
                        continue;
                    }

                    Interlocked.Increment(ref inFlight);
                    var index = i;
                    pending.Add(Task.Run(async () =>
                    {
                        try
                        {
                            await SendAsync(index, due, status, latency, started, lag, cancellationToken);
                        }
                        finally
                        {
                            Interlocked.Decrement(ref inFlight);
                        }
                    }, CancellationToken.None));
                }

                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "open-loop scheduler", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        await done.Task;
        await Task.WhenAll(pending);
        return LoadResult.From(rate, status, latency, started, lag);
    }

    private async Task SendAsync(int index, long due, int[] status, double[] latency, long[] started, double[] lag, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        started[index] = start;
        lag[index] = Stopwatch.GetElapsedTime(due, start).TotalMilliseconds;
        try
        {
            using var message = request(index);
            // The default completion option reads the whole body: latency is until the last byte.
            using var response = await http.SendAsync(message, cancellationToken);
            status[index] = (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            status[index] = Failed;
        }
        finally
        {
            latency[index] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
    }
}

/// <summary>Latency percentiles (nearest rank, every answered request, errors included), errors, and the rate actually sent.</summary>
internal sealed record LoadResult(
    double TargetRate, double AchievedRate, int Requests, int Errors, int NotSent,
    double P50, double P90, double P99, double Max, double LagP99, IReadOnlyDictionary<int, int> Statuses)
{
    public static LoadResult From(double rate, int[] status, double[] latency, long[] started, double[] lag)
    {
        var sent = Enumerable.Range(0, status.Length).Where(i => status[i] != -1).ToArray();
        var times = sent.Select(i => latency[i]).Order().ToArray();
        var lags = sent.Select(i => lag[i]).Order().ToArray();
        var first = sent.Length > 0 ? sent.Min(i => started[i]) : 0;
        var last = sent.Length > 0 ? sent.Max(i => started[i]) : 0;
        var span = Stopwatch.GetElapsedTime(first, last).TotalSeconds;
        return new LoadResult(
            rate,
            span > 0 ? (sent.Length - 1) / span : 0,
            status.Length,
            status.Count(s => s is < 200 or > 299),
            status.Length - sent.Length,
            Percentile(times, 0.50), Percentile(times, 0.90), Percentile(times, 0.99), times.Length > 0 ? times[^1] : 0,
            Percentile(lags, 0.99),
            status.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count()));
    }

    public double RateRatio => AchievedRate / TargetRate;

    /// <summary>"202: 6000" style, with -1 for requests not sent and 0 for no answer (timeout, refused connection).</summary>
    public string StatusList => string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));

    private static double Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
}
