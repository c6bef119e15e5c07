using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary>Metadata of a twin value: <c>{"timestamp": 1710000000000}</c> (ms since the epoch).</summary>
public sealed class ValueMetadata
{
    /// <summary>Milliseconds since the Unix epoch.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }
}
