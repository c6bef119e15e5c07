using EdgeHive.Edge.Agent.Storage;

namespace EdgeHive.Edge.Agent.Outbox;

/// <summary>
/// Seam to the cloud link (the EdgeHub WebSocket). The <see cref="OutboxDispatcher"/> hands it persisted entries in
/// sequence order; the link tells the dispatcher about acknowledgements (<see cref="OutboxDispatcher.AcknowledgeAsync"/>)
/// and about each (re)connection (<see cref="OutboxDispatcher.NotifyConnected"/>).
/// </summary>
public interface IUpstreamLink
{
    /// <summary>True while the link to the cloud is up.</summary>
    bool IsConnected { get; }

    /// <summary>
    /// Sends <paramref name="entries"/> in order. Completes once they are handed to the transport, not when they are
    /// acknowledged; throws when the link is down (the dispatcher then replays after the next connection).
    /// </summary>
    Task SendAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken);
}
