namespace RoyaAudio.Server.Operations;

/// <summary>One thing a node needs before it takes traffic: what it is (shown to operators) and a look at it that throws with the reason when it is not ready.</summary>
public abstract class ReadinessCheck
{
    /// <summary>What was checked, e.g. "postgresql", "blob" or "openai (circuit closed, opened 0 times since start)".</summary>
    public abstract string Component { get; }

    public abstract Task CheckAsync(CancellationToken cancellationToken);
}
