namespace RoyaAudio.Server.Renditions;

/// <summary>
/// A rendition's life: queued → rendering → ready, with retrying while the TTS service or storage is
/// out, failed when retries are spent, superseded when a newer version took its place, withdrawn when the
/// article was unpublished.
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

    /// <summary>Queued, rendering or retrying: a render is on its way, so the status will change by itself.</summary>
    public static bool IsPending(string? status) => status is Queued or Rendering or Retrying;

    /// <summary>Nothing on its way (ready, failed, superseded, withdrawn, or no rendition at all): it stays so until a render is asked for.</summary>
    public static bool IsSettled(string? status) => !IsPending(status);
}
