using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Cloud → edge: the whole current spec of a workload assigned to the node (created or changed). The header's resource
/// version is the spec's generation; the node's status echoes it as <see cref="WorkloadStatusReport.ObservedGeneration"/>.
/// </summary>
public sealed record WorkloadUpsert : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "workload.upsert";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>The workload.</summary>
    public required Workload Workload { get; init; }
}
