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

    /// <summary>Asks the node of the connection of <paramref name="epoch"/> for the newest <paramref name="tail"/> log
    /// lines of workload <paramref name="namespace"/>/<paramref name="name"/> (<c>workload.logs</c> →
    /// <c>workload.logs.result</c>, protocol §4.7) and waits up to <paramref name="timeout"/> (at most
    /// <see cref="MaxLogsTimeout"/>) for the answer.</summary>
    /// <returns>The lines, or why there are none: 503 when that connection is gone or closing, 504 when the node did not
    /// answer in time, the node's 400/404 otherwise.</returns>
    /// <remarks>Always interleaved: Orleans runs an observer's calls one at a time unless a method is marked so, and a
    /// slow node must not hold up <see cref="Deliver"/> or <see cref="Close"/> on the same connection.</remarks>
    [global::Orleans.Concurrency.AlwaysInterleave]
    [global::Orleans.ResponseTimeout(LogsResponseTimeout)]
    Task<WorkloadLogTail> RequestLogs(long epoch, string @namespace, string name, int tail, TimeSpan timeout);

    /// <summary>The longest a log request may wait for the node (Api:WorkloadLogsTimeout allows up to 5 minutes).</summary>
    public static readonly TimeSpan MaxLogsTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Orleans' bound on <see cref="RequestLogs"/>: a bit above <see cref="MaxLogsTimeout"/>. Callers bound each
    /// call by its own timeout plus a margin (a dead silo answers nothing until the cluster declares it dead).</summary>
    public const string LogsResponseTimeout = "00:05:10";

    /// <summary>Closes the connection of <paramref name="epoch"/> with <paramref name="reason"/> as the close reason.
    /// One-way: the silo that holds it may be dead, and the session grain must not wait for it.</summary>
    [global::Orleans.Concurrency.OneWay]
    Task Close(long epoch, string reason);
}
