namespace EdgeHive.Edge.Protocol;

/// <summary>
/// A device as the edge stores it. Desired twin values travel separately in <see cref="TwinDesiredUpdate"/>, because
/// they change far more often than the spec and have their own per-property versions.
/// </summary>
public sealed record Device
{
    /// <summary>Namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name, unique in the namespace.</summary>
    public required string Name { get; init; }

    /// <summary>Name of the device model (same namespace).</summary>
    public required string Model { get; init; }

    /// <summary>Node the device is bound to.</summary>
    public string? NodeName { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>How the mapper reaches the device.</summary>
    public DeviceProtocolConfig? Protocol { get; init; }

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
}
