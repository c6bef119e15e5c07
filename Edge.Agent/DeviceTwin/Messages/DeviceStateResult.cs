using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary><c>state/update/result</c>: <c>{"event_id":"…","timestamp":…,"device":{"name":"counter","state":"online","lastOnlineTime":"…"}}</c>.</summary>
public sealed class DeviceStateResult
{
    /// <summary>The request's event id.</summary>
    [JsonPropertyName("event_id")]
    public string EventId { get; init; } = "";

    /// <summary>Milliseconds since the epoch.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; init; }

    /// <summary>The device's new state.</summary>
    [JsonPropertyName("device")]
    public DeviceStateInfo Device { get; init; } = new();
}
