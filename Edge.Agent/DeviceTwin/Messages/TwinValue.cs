using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary>An expected or actual twin value: <c>{"value": "ON", "metadata": {"timestamp": 1710000000000}}</c>.</summary>
public sealed class TwinValue
{
    /// <summary>The value (always a string on the wire; numbers and booleans are accepted on input).</summary>
    [JsonPropertyName("value")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Value { get; set; }

    /// <summary>When the value was set.</summary>
    [JsonPropertyName("metadata")]
    public ValueMetadata? Metadata { get; set; }
}
