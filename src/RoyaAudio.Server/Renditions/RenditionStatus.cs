namespace RoyaAudio.Server.Renditions;

/// <summary>
/// A rendition's life, and the one place its states and moves are written down: queued → rendering → ready,
/// with retrying while the TTS service or storage is out, failed when attempts are spent, superseded when a
/// newer version took its place, withdrawn when the article was unpublished. SQL status lists come from the
/// sets here; the API and pages get flags (<see cref="IsPending"/>, <see cref="IsSettled"/>), never names to mirror.
/// </summary>
public static class RenditionStatus
{
    public const string Queued = "queued";
    public const string Rendering = "rendering";
    public const string Retrying = "retrying";
    public const string Ready = "ready";
    public const string Failed = "failed";
    public const string Superseded = "superseded";
    public const string Withdrawn = "withdrawn";

    /// <summary>Waiting for a worker to claim it.</summary>
    public static IReadOnlyList<string> Waiting { get; } = [Queued, Retrying];

    /// <summary>A render is on its way: a newer version supersedes these, and maintenance re-queues them when their job is lost.</summary>
    public static IReadOnlyList<string> OnItsWay { get; } = [Queued, Rendering, Retrying];

    /// <summary>What an unpublish withdraws: everything on its way and the audio listeners get.</summary>
    public static IReadOnlyList<string> Withdrawable { get; } = [Queued, Rendering, Retrying, Ready];

    /// <summary>Never rendered or played again; their files are collected after the grace period.</summary>
    public static IReadOnlyList<string> Retired { get; } = [Failed, Superseded, Withdrawn];

    /// <summary>
    /// Every move a rendition may make. Rendering → rendering is another worker taking over once the lease ran
    /// out; a failed rendition stays failed (an editor's regenerate is a new rendition).
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Moves { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [Queued] = [Rendering, Superseded, Withdrawn],
        [Rendering] = [Rendering, Ready, Retrying, Failed, Superseded, Withdrawn],
        [Retrying] = [Rendering, Superseded, Withdrawn],
        [Ready] = [Superseded, Withdrawn],
        [Failed] = [],
        [Superseded] = [Withdrawn],
        [Withdrawn] = [],
    };

    public static bool CanMove(string from, string to) => Moves.TryGetValue(from, out var next) && next.Contains(to);

    /// <summary>Queued, rendering or retrying: a render is on its way, so the status will change by itself.</summary>
    public static bool IsPending(string? status) => status is not null && OnItsWay.Contains(status);

    /// <summary>Nothing on its way (ready, failed, superseded, withdrawn, or no rendition at all): it stays so until a render is asked for.</summary>
    public static bool IsSettled(string? status) => !IsPending(status);

    /// <summary>A set as an SQL list, <c>('queued','retrying')</c>: the names are the constants above, never input.</summary>
    public static string Sql(IReadOnlyList<string> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        return "(" + string.Join(",", statuses.Select(s => $"'{s}'")) + ")";
    }
}
