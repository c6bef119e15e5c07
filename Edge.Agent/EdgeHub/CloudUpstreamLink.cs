using EdgeHive.Edge.Agent.Hosting;
using EdgeHive.Edge.Agent.Outbox;
using EdgeHive.Edge.Agent.Storage;
using EdgeHive.Edge.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.EdgeHub;

/// <summary>
/// The <see cref="IUpstreamLink"/> of the outbox dispatcher: the current cloud session, if any. EdgeHub attaches a
/// session after its welcome and detaches it when it ends; entries become protocol messages through
/// <see cref="OutboxMessageMapper"/> (same id, timestamp and sequence on every replay).
/// </summary>
public sealed partial class CloudUpstreamLink(OutboxStore outbox, EdgeMessageFactory factory, ILogger<CloudUpstreamLink> logger) : IUpstreamLink
{
    private readonly ILogger<CloudUpstreamLink> _logger = logger;
    private volatile CloudSession? _session;

    /// <inheritdoc />
    public bool IsConnected => _session is not null;

    /// <inheritdoc />
    public async Task SendAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        var session = _session ?? throw new InvalidOperationException("The cloud link is down.");
        List<long>? unreadable = null;
        foreach (var entry in entries)
        {
            if (OutboxMessageMapper.ToMessage(entry, factory) is { } message)
            {
                await session.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                LogUnreadable(entry.Seq, entry.Kind);
                AgentMetrics.AddUpstreamDropped("unreadable");
                (unreadable ??= []).Add(entry.Seq);
            }
        }

        if (unreadable is not null)
        {
            // A row this agent cannot read would otherwise be skipped forever.
            await outbox.AcknowledgeAsync(unreadable, cancellationToken).ConfigureAwait(false);
        }
    }

    internal void Attach(CloudSession session) => _session = session;

    internal void Detach(CloudSession session) => Interlocked.CompareExchange(ref _session, null, session);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Error, Message = "Outbox entry {Seq} ({Kind}) cannot be read and is dropped")]
    private partial void LogUnreadable(long seq, string kind);
}
