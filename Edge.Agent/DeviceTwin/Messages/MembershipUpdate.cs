using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary>
/// <c>membership/updated</c> (edge → MQTT) and the cloud's membership change:
/// <c>{"event_id":"…","timestamp":…,"added_devices":[…],"removed_devices":[]}</c>.
/// </summary>
public sealed class MembershipUpdate
{
    /// <summary>Correlation id.</summary>
    [JsonPropertyName("event_id")]
    public string EventId { get; set; } = "";

    /// <summary>Milliseconds since the epoch.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }

    /// <summary>Devices bound to the node (or whose definition changed).</summary>
    [JsonPropertyName("added_devices")]
    public List<MsgDevice> AddedDevices { get; set; } = [];

    /// <summary>Devices no longer bound to the node.</summary>
    [JsonPropertyName("removed_devices")]
    public List<MsgDevice> RemovedDevices { get; set; } = [];
}
