using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary><c>/twin/update/delta</c>: the properties whose expected value differs from the actual one.</summary>
public sealed class DeviceTwinDelta
{
    /// <summary>Correlation id.</summary>
    [JsonPropertyName("event_id")]
    public string EventId { get; set; } = "";

    /// <summary>Milliseconds since the epoch.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }

    /// <summary>The differing properties (expected, actual, metadata).</summary>
    [JsonPropertyName("twin")]
    public Dictionary<string, MsgTwin?> Twin { get; set; } = [];

    /// <summary>Property name → expected value.</summary>
    [JsonPropertyName("delta")]
    public Dictionary<string, string> Delta { get; set; } = [];
}
