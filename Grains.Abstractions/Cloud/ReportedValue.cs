namespace EdgeHive.Grains.Cloud;

/// <summary>The last value the edge reported for a twin property.</summary>
/// <param name="Value">The value as a string.</param>
/// <param name="Timestamp">When the edge observed it.</param>
/// <param name="EdgeVersion">The edge's version of the property; a report with a lower version is stale.</param>
public sealed record ReportedValue(string Value, DateTimeOffset Timestamp, long EdgeVersion);
