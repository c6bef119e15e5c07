using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>Edge → cloud (outbox): reported values of some of a device's twin properties.</summary>
public sealed record TwinReportedUpdate : EdgePayload, ISequencedPayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "twin.reported";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Namespace of the device.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name of the device.</summary>
    public required string Name { get; init; }

    /// <summary>Reported value and edge version per property name.</summary>
    public IReadOnlyDictionary<string, TwinReportedProperty> Properties { get; init; } =
        new Dictionary<string, TwinReportedProperty>();

    /// <inheritdoc />
    public required long Sequence { get; init; }
}
