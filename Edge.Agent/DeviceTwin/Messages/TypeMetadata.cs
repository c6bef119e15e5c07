using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary>
/// A property's type metadata: <c>{"type": "string"}</c>. KubeEdge's mappers also send <c>"Updated"</c> here; types
/// the edge does not know are accepted and do not constrain the value.
/// </summary>
public sealed class TypeMetadata
{
    /// <summary>Value type, <c>deleted</c> to delete the property, or anything else a mapper sends.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }
}
