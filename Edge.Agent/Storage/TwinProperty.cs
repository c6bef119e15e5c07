namespace EdgeHive.Edge.Agent.Storage;

/// <summary>One row of <c>device_twin</c>: a device property's expected (desired) and actual (reported) value.</summary>
/// <param name="Name">Property name.</param>
/// <param name="Expected">Expected value, or null when none is set.</param>
/// <param name="ExpectedTimestamp">When the expected value was set (ms since the epoch).</param>
/// <param name="ExpectedVersion">Version of the expected value.</param>
/// <param name="Actual">Actual value last reported by the device, or null.</param>
/// <param name="ActualTimestamp">When the actual value was reported (ms since the epoch).</param>
/// <param name="ActualVersion">Version of the actual value.</param>
/// <param name="Optional">KubeEdge's <c>optional</c> flag.</param>
/// <param name="Type">Value type (<c>string</c>, <c>int</c>, <c>float</c>, <c>boolean</c>, …) or null when unknown.</param>
/// <param name="Deleted">True once deleted (kept as a tombstone so versions keep increasing).</param>
public sealed record TwinProperty(
    string Name,
    string? Expected,
    long? ExpectedTimestamp,
    TwinVersions ExpectedVersion,
    string? Actual,
    long? ActualTimestamp,
    TwinVersions ActualVersion,
    bool Optional,
    string? Type,
    bool Deleted)
{
    /// <summary>A new, empty property.</summary>
    public static TwinProperty Empty(string name) => new(name, null, null, default, null, null, default, true, null, false);
}
