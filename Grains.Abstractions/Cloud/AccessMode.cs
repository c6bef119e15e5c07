using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>Whether the cloud may set a desired value for a property (KubeEdge's <c>accessMode</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccessMode>))]
public enum AccessMode
{
    /// <summary>Desired values may be set; the device applies them.</summary>
    ReadWrite,

    /// <summary>The device only reports; setting a desired value is refused.</summary>
    ReadOnly,
}
