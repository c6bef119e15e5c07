using EdgeHive.Edge.Protocol;

namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>Where free-form <c>event.upload</c> messages from edge nodes go. The gateway acknowledges an event once
/// <see cref="PublishAsync"/> returned, so an implementation returns only after the event is stored (or, for the
/// default log sink, written to the log).</summary>
public interface IEdgeEventSink
{
    /// <summary>Takes one event of <paramref name="nodeName"/>. At-least-once: a replay carries the same sequence.</summary>
    Task PublishAsync(string nodeName, string topic, ReadOnlyMemory<byte> payload, long sequence, CancellationToken cancellationToken);
}
