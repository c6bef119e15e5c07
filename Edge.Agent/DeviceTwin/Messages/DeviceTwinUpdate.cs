using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary>
/// <c>twin/update</c> request, and the shape of <c>/update/result</c>, <c>/get/result</c> and <c>cloud_updated</c>:
/// <c>{"event_id": "", "timestamp": 0, "twin": {"status": {...}}}</c>.
/// </summary>
public sealed class DeviceTwinUpdate
{
    /// <summary>Correlation id chosen by the sender; may be empty.</summary>
    [JsonPropertyName("event_id")]
    public string EventId { get; set; } = "";

    /// <summary>Milliseconds since the epoch.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }

    /// <summary>Properties by name; null when the key is missing (a 400 for an update request).</summary>
    [JsonPropertyName("twin")]
    public Dictionary<string, MsgTwin?>? Twin { get; set; }
}
