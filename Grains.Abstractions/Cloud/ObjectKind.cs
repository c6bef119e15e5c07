using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>The kind of cloud object synchronised to an edge node. The JSON name is also the kind part of an
/// object-sync grain key (<c>{node}|{kind}|{objectKey}</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ObjectKind>))]
public enum ObjectKind
{
    /// <summary>A device (its spec and desired twin).</summary>
    [JsonStringEnumMemberName("device")]
    Device,

    /// <summary>A device model.</summary>
    [JsonStringEnumMemberName("devicemodel")]
    DeviceModel,

    /// <summary>The node's device membership list.</summary>
    [JsonStringEnumMemberName("membership")]
    Membership,

    /// <summary>A workload assigned to the node.</summary>
    [JsonStringEnumMemberName("workload")]
    Workload,
}
