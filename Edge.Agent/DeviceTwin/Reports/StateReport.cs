using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Reports;

/// <summary>Outbox payload for a device state report.</summary>
public sealed class StateReport
{
    /// <summary>Device id, <c>{namespace}/{name}</c>.</summary>
    [JsonPropertyName("device")]
    public string Device { get; set; } = "";

    /// <summary>New state.</summary>
    [JsonPropertyName("state")]
    public string State { get; set; } = "";

    /// <summary>Last time online (RFC 3339, UTC).</summary>
    [JsonPropertyName("last_online")]
    public string? LastOnline { get; set; }

    /// <summary>When the edge accepted the report (ms since the epoch).</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }
}
