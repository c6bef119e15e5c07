using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary><c>/twin/update/document</c>: last and current state of each changed property.</summary>
public sealed class DeviceTwinDocument
{
    /// <summary>Correlation id.</summary>
    [JsonPropertyName("event_id")]
    public string EventId { get; set; } = "";

    /// <summary>Milliseconds since the epoch.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }

    /// <summary>Changed properties by name.</summary>
    [JsonPropertyName("twin")]
    public Dictionary<string, TwinDocumentEntry> Twin { get; set; } = [];
}
