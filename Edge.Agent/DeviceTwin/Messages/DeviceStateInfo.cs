using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary>The <c>device</c> object of a state result (note KubeEdge's camelCase <c>lastOnlineTime</c> here).</summary>
public sealed class DeviceStateInfo
{
    /// <summary>Device name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Device state.</summary>
    [JsonPropertyName("state")]
    public string State { get; set; } = "";

    /// <summary>Last time the device was online (RFC 3339, UTC).</summary>
    [JsonPropertyName("lastOnlineTime")]
    public string? LastOnlineTime { get; set; }
}
