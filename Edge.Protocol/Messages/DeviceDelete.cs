using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>Cloud → edge: a device of the node was deleted; the edge removes it and its twin.</summary>
public sealed record DeviceDelete : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "device.delete";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name.</summary>
    public required string Name { get; init; }
}
