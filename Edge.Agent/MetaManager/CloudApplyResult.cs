namespace EdgeHive.Edge.Agent.MetaManager;

/// <summary>MetaManager's answer to <see cref="MetaOperations.ApplyCloud"/>.</summary>
/// <param name="Status">Applied, stale or rejected.</param>
/// <param name="StoredVersion">The resource version now stored for the object (what an ack echoes).</param>
/// <param name="Code">Error code when rejected (HTTP-like), else 0.</param>
/// <param name="Reason">Why it was rejected, or null.</param>
public sealed record CloudApplyResult(CloudApplyStatus Status, long StoredVersion, int Code = 0, string? Reason = null)
{
    /// <summary>A rejection with an error code.</summary>
    public static CloudApplyResult Reject(int code, string reason) => new(CloudApplyStatus.Rejected, 0, code, reason);
}
