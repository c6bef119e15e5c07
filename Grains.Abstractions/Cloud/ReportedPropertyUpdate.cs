namespace EdgeHive.Grains.Cloud;

/// <summary>One reported value in an edge report.</summary>
/// <param name="Value">The value as a string.</param>
/// <param name="EdgeVersion">The edge's version of the property after this write; the cloud ignores a report whose
/// version is not newer than the one it holds, which makes replays idempotent.</param>
/// <param name="Timestamp">When the edge observed the value.</param>
public sealed record ReportedPropertyUpdate(string Value, long EdgeVersion, DateTimeOffset Timestamp);
