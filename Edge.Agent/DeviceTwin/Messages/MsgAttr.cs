using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary>A device attribute on the wire (KubeEdge's MsgAttr).</summary>
public sealed class MsgAttr
{
    /// <summary>Attribute value.</summary>
    [JsonPropertyName("value")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Value { get; set; }

    /// <summary>KubeEdge's optional flag.</summary>
    [JsonPropertyName("optional")]
    public bool? Optional { get; set; }

    /// <summary>Type metadata.</summary>
    [JsonPropertyName("metadata")]
    public TypeMetadata? Metadata { get; set; }
}
