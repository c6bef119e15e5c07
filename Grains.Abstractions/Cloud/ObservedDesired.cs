namespace EdgeHive.Grains.Cloud;

/// <summary>The desired value the edge last acknowledged as applied (KubeEdge's <c>observedDesired</c>).</summary>
/// <param name="Value">The applied value, or null when the edge applied a removal.</param>
/// <param name="Version">The cloud version that was applied.</param>
/// <param name="Timestamp">When the acknowledgement arrived.</param>
public sealed record ObservedDesired(string? Value, long Version, DateTimeOffset Timestamp);
