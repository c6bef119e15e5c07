using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary>A twin version on the wire: <c>{"cloud": 3, "edge": 1}</c>.</summary>
public sealed class MsgTwinVersion
{
    /// <summary>Changes made in the cloud.</summary>
    [JsonPropertyName("cloud")]
    public long Cloud { get; set; }

    /// <summary>Changes made on the edge.</summary>
    [JsonPropertyName("edge")]
    public long Edge { get; set; }
}
