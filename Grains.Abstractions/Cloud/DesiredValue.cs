namespace EdgeHive.Grains.Cloud;

/// <summary>The cloud's desired value of one twin property, with the cloud version the edge uses to reject stale
/// updates.</summary>
/// <param name="Value">The value as a string, or null when the desired value was removed at <paramref name="Version"/>
/// (kept until the edge acknowledges the removal).</param>
/// <param name="Version">Cloud version: the device's resource version when this value was set; grows per property.</param>
/// <param name="Timestamp">When the value was set.</param>
public sealed record DesiredValue(string? Value, long Version, DateTimeOffset Timestamp);
