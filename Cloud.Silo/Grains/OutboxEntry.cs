using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>One unacknowledged message of a node's outbox.</summary>
/// <param name="Sequence">Enqueue order; resends follow it.</param>
/// <param name="Message">The message.</param>
internal sealed record OutboxEntry(long Sequence, DownstreamMessage Message);
