using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>Cloud → edge: the whole current version of a device model used by the node's devices.</summary>
public sealed record DeviceModelUpsert : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "devicemodel.upsert";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>The model.</summary>
    public required DeviceModel Model { get; init; }
}
