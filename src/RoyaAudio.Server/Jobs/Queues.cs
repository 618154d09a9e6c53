namespace RoyaAudio.Server.Jobs;

/// <summary>Hangfire queues, most urgent first: an editor waiting beats a fresh article beats the archive.</summary>
public static class Queues
{
    public const string Editor = "editor";
    public const string Publish = "publish";
    public const string Backfill = "backfill";

    public static readonly string[] ByPriority = [Editor, Publish, Backfill];
}
