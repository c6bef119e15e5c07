using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Cloud → edge: a device was unbound from the node (it may live on elsewhere); the edge removes it and its twin.
/// </summary>
public sealed record MembershipRemove : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "membership.remove";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>The node the device left.</summary>
    public required string NodeName { get; init; }

    /// <summary>Namespace of the device.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name of the device.</summary>
    public required string Name { get; init; }
}
