using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>A device's state as the edge reports it (KubeEdge's state strings). Never set by an operator.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeviceState>))]
public enum DeviceState
{
    /// <summary>Nothing known, or the device's node is not connected.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    /// <summary>The device is connected to its mapper.</summary>
    [JsonStringEnumMemberName("online")]
    Online,

    /// <summary>The device is not reachable.</summary>
    [JsonStringEnumMemberName("offline")]
    Offline,

    /// <summary>The device is reachable and healthy.</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>The device is reachable but reports a fault.</summary>
    [JsonStringEnumMemberName("unhealthy")]
    Unhealthy,
}
