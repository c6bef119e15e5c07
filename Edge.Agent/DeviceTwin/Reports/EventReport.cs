using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Reports;

/// <summary>Outbox payload for a free-form event an app published on <c>$hw/events/upload/#</c>.</summary>
public sealed class EventReport
{
    /// <summary>The MQTT topic it was published on.</summary>
    [JsonPropertyName("topic")]
    public string Topic { get; set; } = "";

    /// <summary>The MQTT payload, unchanged (base64 in JSON).</summary>
    [JsonPropertyName("payload")]
    public byte[] Payload { get; set; } = [];

    /// <summary>When the edge received it (ms since the epoch).</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }
}
