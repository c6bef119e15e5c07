using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>Whether the cloud may set a desired value for a property; the wire names are KubeEdge's.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PropertyAccessMode>))]
public enum PropertyAccessMode
{
    /// <summary>Desired values may be set.</summary>
    [JsonStringEnumMemberName("ReadWrite")]
    ReadWrite,

    /// <summary>Only reported values exist.</summary>
    [JsonStringEnumMemberName("ReadOnly")]
    ReadOnly,
}
