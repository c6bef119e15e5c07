namespace EdgeHive.Grains.Cloud;

/// <summary>The edge's answer to one desired value it received.</summary>
/// <param name="Version">The cloud version the answer is about.</param>
/// <param name="Accepted">True when the edge applied it (stored it in its own database); false when it refused.</param>
/// <param name="Reason">Why the edge refused, when <paramref name="Accepted"/> is false.</param>
public sealed record DesiredAck(long Version, bool Accepted, string? Reason);
