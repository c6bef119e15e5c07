using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>Cloud → edge: a device model is no longer needed on the node.</summary>
public sealed record DeviceModelDelete : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "devicemodel.delete";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name.</summary>
    public required string Name { get; init; }
}
