using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>Edge → cloud: node facts and readiness, sent on connect and then periodically as a heartbeat.</summary>
public sealed record NodeStatus : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "node.status";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Node facts.</summary>
    public required NodeInfo Info { get; init; }

    /// <summary>True when the agent's modules run normally.</summary>
    public bool Ready { get; init; } = true;

    /// <summary>Devices the agent currently serves.</summary>
    public int DeviceCount { get; init; }
}
