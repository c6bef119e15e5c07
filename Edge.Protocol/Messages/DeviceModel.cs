namespace EdgeHive.Edge.Protocol;

/// <summary>A device model as the edge stores it.</summary>
public sealed record DeviceModel
{
    /// <summary>Namespace.</summary>
    public required string Namespace { get; init; }

    /// <summary>Name, unique in the namespace.</summary>
    public required string Name { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>The model's properties.</summary>
    public IReadOnlyList<DeviceModelProperty> Properties { get; init; } = [];
}
