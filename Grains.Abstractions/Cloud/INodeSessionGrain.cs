namespace EdgeHive.Grains.Cloud;

/// <summary>
/// One per edge node (key: node name): owns the node's session across the cluster (CloudCore HA). A new connection
/// attaches and gets a higher epoch; the previous connection, on whichever silo, is told to close. Placement should
/// prefer the silo that holds the socket.
/// </summary>
public interface INodeSessionGrain : global::Orleans.IGrainWithStringKey
{
    /// <summary>Makes <paramref name="observer"/> (on <paramref name="silo"/>) the node's connection, bumps the epoch,
    /// tells the previous observer to close, tells the node grain that a session attached, and resends every
    /// unacknowledged message of the node's outbox to the new observer, in order (this may reach the observer before
    /// the call returns).</summary>
    Task<SessionAttachment> Attach(IEdgeSessionObserver observer, string silo);

    /// <summary>Forgets the connection of <paramref name="epoch"/> if it is still the current one (a late detach of a
    /// replaced connection changes nothing), and tells the node grain.</summary>
    /// <returns>True when the current connection was detached.</returns>
    Task<bool> Detach(long epoch);

    /// <summary>Adds messages to the node's durable outbox (merged per object: a message replaces an unacknowledged
    /// one about the same object and moves to the end), persists it, records each as sent in its object-sync grain, and
    /// then delivers them to the current connection.</summary>
    /// <returns>True when the connection's silo queued them; false when no connection is attached or delivery failed.
    /// The messages are persisted before this returns either way, so false only means "delivered on reconnect".</returns>
    Task<bool> Push(IReadOnlyList<DownstreamMessage> messages);

    /// <summary>Records the node's acknowledgement of messages by id (from any connection of the node): the
    /// object-sync grain of each records the acknowledged version, then the message leaves the outbox. Unknown ids (a
    /// message already superseded or acknowledged) are ignored, which makes repeated acknowledgements harmless.</summary>
    /// <returns>How many outbox messages were acknowledged.</returns>
    Task<int> Ack(IReadOnlyList<string> messageIds);

    /// <summary>Asks the node, through its current connection on whichever silo holds it, for the newest
    /// <paramref name="tail"/> log lines of workload <paramref name="namespace"/>/<paramref name="name"/>, waiting up
    /// to <paramref name="timeout"/> for the node. Always interleaved: a slow node holds up no other call of the
    /// session (the call reads the current connection before its first await and changes no state).</summary>
    /// <returns>The lines, or why there are none: 503 when no connection is attached or its silo cannot be reached,
    /// 504 when the node (or the connection's silo) did not answer in time, the node's 400/404 otherwise.</returns>
    [global::Orleans.Concurrency.AlwaysInterleave]
    [global::Orleans.ResponseTimeout(IEdgeSessionObserver.LogsResponseTimeout)]
    Task<WorkloadLogTail> RequestLogs(string @namespace, string name, int tail, TimeSpan timeout);

    /// <summary>The unacknowledged messages of the node's outbox, in delivery order.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<DownstreamMessage>> Pending();

    /// <summary>The session's current state.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<NodeSessionInfo> Get();
}
