using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>A node's derived status at one moment.</summary>
/// <param name="Status">The status.</param>
/// <param name="OnlineUntil">When an online node turns offline unless it is heard from again; null otherwise. A grain
/// sets one timer for this instead of polling.</param>
internal sealed record NodeStatusEvaluation(NodeStatus Status, DateTimeOffset? OnlineUntil);
