using System.Text.Json.Serialization;
using EdgeHive.Edge.Agent.DeviceTwin.Messages;

namespace EdgeHive.Edge.Agent.DeviceTwin.Reports;

/// <summary>
/// Outbox payload for one twin property changed on the edge (KubeEdge's <c>twin/edge_updated</c>, per property so
/// that the bounded outbox can keep only the newest value of each). Carries versions, so a replay is idempotent.
/// </summary>
public sealed class TwinReport
{
    /// <summary>Device id, <c>{namespace}/{name}</c>.</summary>
    [JsonPropertyName("device")]
    public string Device { get; set; } = "";

    /// <summary>Property name.</summary>
    [JsonPropertyName("property")]
    public string Property { get; set; } = "";

    /// <summary>The property after the change, versions included.</summary>
    [JsonPropertyName("twin")]
    public MsgTwin Twin { get; set; } = new();

    /// <summary>True when the property was deleted.</summary>
    [JsonPropertyName("deleted")]
    public bool Deleted { get; set; }

    /// <summary>When the edge accepted the change (ms since the epoch).</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }
}
