using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary>A request with only the common fields (<c>twin/get</c>, <c>membership/get</c>): <c>{"event_id":"g1","timestamp":0}</c>.</summary>
public sealed class EventRequest
{
    /// <summary>Correlation id; may be empty.</summary>
    [JsonPropertyName("event_id")]
    public string EventId { get; set; } = "";

    /// <summary>Milliseconds since the epoch.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }
}
