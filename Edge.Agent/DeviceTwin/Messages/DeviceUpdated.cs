using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary><c>$hw/events/device/{id}/updated</c>: the device's attributes changed.</summary>
public sealed class DeviceUpdated
{
    /// <summary>Correlation id.</summary>
    [JsonPropertyName("event_id")]
    public string EventId { get; set; } = "";

    /// <summary>Milliseconds since the epoch.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }

    /// <summary>The device's attributes after the change.</summary>
    [JsonPropertyName("attributes")]
    public Dictionary<string, MsgAttr?> Attributes { get; set; } = [];
}
