namespace EdgeHive.Grains.Cloud;

/// <summary>
/// One per edge node (key: node name): owns the node's session across the cluster (CloudCore HA). A new connection
/// attaches and gets a higher epoch; the previous connection, on whichever silo, is told to close. Placement should
/// prefer the silo that holds the socket.
/// </summary>
public interface INodeSessionGrain : IGrainWithStringKey
{
    /// <summary>Makes <paramref name="observer"/> (on <paramref name="silo"/>) the node's connection, bumps the epoch,
    /// tells the previous observer to close, and tells the node grain that a session attached.</summary>
    Task<SessionAttachment> Attach(IEdgeSessionObserver observer, string silo);

    /// <summary>Forgets the connection of <paramref name="epoch"/> if it is still the current one (a late detach of a
    /// replaced connection changes nothing), and tells the node grain.</summary>
    /// <returns>True when the current connection was detached.</returns>
    Task<bool> Detach(long epoch);

    /// <summary>Pushes messages to the current connection.</summary>
    /// <returns>True when the connection's silo queued them; false when no connection is attached or delivery failed.
    /// Callers persist before pushing, so false only means "delivered on reconnect".</returns>
    Task<bool> Push(IReadOnlyList<DownstreamMessage> messages);

    /// <summary>The session's current state.</summary>
    [ReadOnly]
    Task<NodeSessionInfo> Get();
}
