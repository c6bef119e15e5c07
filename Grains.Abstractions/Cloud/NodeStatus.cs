using System.Text.Json.Serialization;

namespace EdgeHive.Grains.Cloud;

/// <summary>Whether an edge node is connected, derived from its session and heartbeats.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NodeStatus>))]
public enum NodeStatus
{
    /// <summary>The node has never connected.</summary>
    Unknown,

    /// <summary>A session is attached and heartbeats are fresh.</summary>
    Online,

    /// <summary>No session is attached, or heartbeats stopped for longer than the dead-after interval.</summary>
    Offline,
}
