using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>Cloud → edge (sync): the newest output lines of a workload on the node; answered by <see cref="WorkloadLogsResponse"/>.</summary>
public sealed record WorkloadLogsRequest : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "workload.logs";

    /// <summary>The most lines one request may ask for.</summary>
    public const int MaxTail = 10_000;

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Namespace of the workload.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name of the workload.</summary>
    public required string Name { get; init; }

    /// <summary>How many of the newest lines (1..<see cref="MaxTail"/>).</summary>
    public int Tail { get; init; } = 100;
}
