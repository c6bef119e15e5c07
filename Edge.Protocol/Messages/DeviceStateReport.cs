using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>Edge → cloud (outbox): a device's state changed, for example online → offline.</summary>
public sealed record DeviceStateReport : EdgePayload, ISequencedPayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "device.state";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Namespace of the device.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name of the device.</summary>
    public required string Name { get; init; }

    /// <summary>New state, usually one of <see cref="DeviceStates"/>.</summary>
    public required string State { get; init; }

    /// <summary>When the device was last seen online, in milliseconds since the Unix epoch.</summary>
    public long? LastOnline { get; init; }

    /// <inheritdoc />
    public required long Sequence { get; init; }
}
