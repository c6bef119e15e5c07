using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary><c>membership/get/result</c>: the devices bound to this node.</summary>
public sealed class MembershipGetResult
{
    /// <summary>The request's event id.</summary>
    [JsonPropertyName("event_id")]
    public string EventId { get; set; } = "";

    /// <summary>Milliseconds since the epoch.</summary>
    [JsonPropertyName("timestamp")]
    public long Timestamp { get; set; }

    /// <summary>Bound devices.</summary>
    [JsonPropertyName("devices")]
    public List<MsgDevice> Devices { get; set; } = [];
}
