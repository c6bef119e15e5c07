namespace EdgeHive.Grains.Cloud;

/// <summary>
/// Implemented by the edge gateway on the silo that holds a node's WebSocket; the node's session grain pushes through
/// it. Every call names the epoch it is meant for, so a connection that was already replaced ignores it. An Orleans
/// grain observer (the gateway creates it with <c>CreateObjectReference</c>); calls that may hit a dead silo never hold
/// the session grain long: <see cref="Close"/> is one-way and <see cref="Deliver"/> times out after
/// <see cref="DeliverTimeout"/>.
/// </summary>
public interface IEdgeSessionObserver : global::Orleans.IGrainObserver
{
    /// <summary>Queues messages on the connection of <paramref name="epoch"/>, in order. The resend after an attach
    /// arrives while <see cref="INodeSessionGrain.Attach"/> is still running, so an observer must accept messages for an
    /// epoch it has not been told yet (one observer serves exactly one connection).</summary>
    /// <returns>True when they were queued; false when that connection is gone or its queue is full (the messages stay
    /// unacknowledged and are resent on the next connection).</returns>
    [global::Orleans.ResponseTimeout(DeliverTimeout)]
    Task<bool> Deliver(long epoch, IReadOnlyList<DownstreamMessage> messages);

    /// <summary>How long the session grain waits for <see cref="Deliver"/> (a dead silo answers nothing until the cluster
    /// declares it dead); the messages stay in the outbox either way.</summary>
    public const string DeliverTimeout = "00:00:05";

    /// <summary>Closes the connection of <paramref name="epoch"/> with <paramref name="reason"/> as the close reason.
    /// One-way: the silo that holds it may be dead, and the session grain must not wait for it.</summary>
    [global::Orleans.Concurrency.OneWay]
    Task Close(long epoch, string reason);
}
