using System.Text.Json.Serialization;

namespace EdgeHive.Edge.Protocol;

/// <summary>
/// Cloud → edge: the complete desired twin of a device (every property that has a desired value). Complete rather than
/// a delta so that merging unacknowledged messages per object keeps only the newest one without losing properties.
/// </summary>
public sealed record TwinDesiredUpdate : EdgePayload
{
    /// <summary>Kind name on the wire.</summary>
    public const string KindName = "twin.desired";

    /// <inheritdoc />
    [JsonIgnore]
    public override string Kind => KindName;

    /// <summary>Namespace of the device.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name of the device.</summary>
    public required string Name { get; init; }

    /// <summary>Desired value and versions per property name.</summary>
    public IReadOnlyDictionary<string, TwinDesiredProperty> Properties { get; init; } =
        new Dictionary<string, TwinDesiredProperty>();
}
