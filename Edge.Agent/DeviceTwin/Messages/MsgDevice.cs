using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Agent.DeviceTwin.Messages;

/// <summary>A device in membership messages: <c>{"id":"default/counter","name":"counter","state":…,"attributes":{},"twin":{…}}</c>.</summary>
public sealed class MsgDevice
{
    /// <summary>Device id, <c>{namespace}/{name}</c>.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    /// <summary>Device name.</summary>
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    /// <summary>Free text.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>Device state.</summary>
    [JsonPropertyName("state")]
    public string? State { get; set; }

    /// <summary>Last time online (RFC 3339, UTC).</summary>
    [JsonPropertyName("last_online")]
    public string? LastOnline { get; set; }

    /// <summary>Attributes by name.</summary>
    [JsonPropertyName("attributes")]
    public Dictionary<string, MsgAttr?>? Attributes { get; set; }

    /// <summary>Twin properties by name.</summary>
    [JsonPropertyName("twin")]
    public Dictionary<string, MsgTwin?>? Twin { get; set; }
}
