using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary><c>state/update</c> request: <c>{"event_id":"s1","timestamp":0,"state":"online"}</c>.</summary>
public sealed class DeviceStateUpdate
{
    /// <summary>Correlation id; may be empty.</summary>
    [JsonPropertyName("event_id")]
    public string EventId { get; set; } = "";

    /// <summary>Milliseconds since the epoch.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }

    /// <summary>online, offline, ok, unknown or unhealthy.</summary>
    [JsonPropertyName("state")]
    public string? State { get; set; }
}
