namespace EdgeHive.Edge.Protocol;

/// <summary>
/// A reported (actual) value of one twin property. The cloud stores it only when <see cref="EdgeVersion"/> is greater
/// than the edge version it holds, so replaying a report is harmless.
/// </summary>
public sealed record TwinReportedProperty
{
    /// <summary>Reported value in KubeEdge's string form.</summary>
    public string? Value { get; init; }

    /// <summary>Incremented by the edge on every reported change of this property.</summary>
    public required long EdgeVersion { get; init; }

    /// <summary>When the device reported the value, in milliseconds since the Unix epoch.</summary>
    public required long Timestamp { get; init; }
}
