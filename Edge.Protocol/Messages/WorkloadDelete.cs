using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>Cloud → edge: a workload no longer runs on the node (deleted, or its placement moved away); the node stops it.</summary>
public sealed record WorkloadDelete : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "workload.delete";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name.</summary>
    public required string Name { get; init; }
}
