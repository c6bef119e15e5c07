namespace EdgeHive.Grains.Cloud;

/// <summary>Delivery bookkeeping of one object to one node (KubeEdge's ObjectSync). Grain key:
/// <c>{node}|{kind}|{objectKey}</c>.</summary>
/// <param name="NodeName">The node.</param>
/// <param name="Kind">The object's kind.</param>
/// <param name="ObjectKey">The object's key (<c>{namespace}/{name}</c> for devices and models, the node name for
/// membership).</param>
/// <param name="LastSentVersion">Highest resource version sent to the node, or 0.</param>
/// <param name="LastAckedVersion">Highest resource version the node acknowledged, or 0.</param>
/// <param name="LastSentAt">When something was last sent, or null.</param>
/// <param name="LastAckedAt">When the node last acknowledged, or null.</param>
public sealed record ObjectSync(
    string NodeName,
    ObjectKind Kind,
    string ObjectKey,
    long LastSentVersion,
    long LastAckedVersion,
    DateTimeOffset? LastSentAt,
    DateTimeOffset? LastAckedAt)
{
    /// <summary>True when a version was sent that the node has not acknowledged; on reconnect it is resent.</summary>
    public bool Pending => LastSentVersion > LastAckedVersion;
}
