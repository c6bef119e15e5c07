namespace EdgeHive.Grains.Cloud;

/// <summary>The result of attaching a new connection to a node's session.</summary>
/// <param name="Epoch">The new connection's epoch. The gateway stamps it on everything it reports for the node, and
/// the node grain ignores session events and heartbeats from older epochs.</param>
/// <param name="PreviousSilo">The silo whose connection was replaced (and told to close), or null.</param>
/// <param name="PreviousEpoch">The replaced connection's epoch, or 0.</param>
public sealed record SessionAttachment(long Epoch, string? PreviousSilo, long PreviousEpoch);
