namespace EdgeHive.Edge.Protocol;

/// <summary>
/// The desired value of one twin property with the versions the edge needs to reject stale updates: the edge applies
/// it only when <see cref="CloudVersion"/> is greater than the cloud version it last applied for that property.
/// </summary>
public sealed record TwinDesiredProperty
{
    /// <summary>Desired value in KubeEdge's string form; <c>null</c> clears the desired value.</summary>
    public string? Value { get; init; }

    /// <summary>Incremented by the cloud on every change of this property's desired value.</summary>
    public required long CloudVersion { get; init; }

    /// <summary>The newest edge version of this property the cloud had seen when it set the value.</summary>
    public long EdgeVersion { get; init; }

    /// <summary>When the desired value was set, in milliseconds since the Unix epoch.</summary>
    public required long Timestamp { get; init; }
}
