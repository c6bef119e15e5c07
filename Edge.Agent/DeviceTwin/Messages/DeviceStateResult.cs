using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary><c>state/update/result</c>: <c>{"event_id":"…","timestamp":…,"device":{"name":"counter","state":"online","lastOnlineTime":"…"}}</c>.</summary>
public sealed class DeviceStateResult
{
    /// <summary>The request's event id.</summary>
    [JsonPropertyName("event_id")]
    public string EventId { get; set; } = "";

    /// <summary>Milliseconds since the epoch.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }

    /// <summary>The device's new state.</summary>
    [JsonPropertyName("device")]
    public DeviceStateInfo Device { get; set; } = new();
}
