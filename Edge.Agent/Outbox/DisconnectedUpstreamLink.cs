using EdgeHive.Edge.Agent.Storage;

namespace EdgeHive.Edge.Agent.Outbox;

/// <summary>
/// The link used until the EdgeHub WebSocket is connected in: never connected, so entries stay in the outbox (the
/// agent runs fully offline) and are replayed once a real link is wired.
/// </summary>
internal sealed class DisconnectedUpstreamLink : IUpstreamLink
{
    public bool IsConnected => false;

    public Task SendAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken) =>
        Task.FromException(new InvalidOperationException("No cloud link is configured."));
}
