using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Cloud → edge: a device was bound to the node. Uses the device's resource key, so it and later device messages merge.
/// </summary>
public sealed record MembershipAdd : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "membership.add";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>The node the device now belongs to.</summary>
    public required string NodeName { get; init; }

    /// <summary>The device.</summary>
    public required Device Device { get; init; }
}
