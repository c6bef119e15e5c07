using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>Cloud → edge: the whole current spec of a device bound to the node (created or changed).</summary>
public sealed record DeviceUpsert : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "device.upsert";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>The device.</summary>
    public required Device Device { get; init; }
}
