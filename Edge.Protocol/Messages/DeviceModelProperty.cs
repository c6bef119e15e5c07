namespace EdgeHive.Edge.Protocol;

/// <summary>One property of a device model.</summary>
public sealed record DeviceModelProperty
{
    /// <summary>Property name, unique in the model.</summary>
    public required string Name { get; init; }

    /// <summary>Data type.</summary>
    public required PropertyType Type { get; init; }

    /// <summary>Access mode.</summary>
    public PropertyAccessMode AccessMode { get; init; } = PropertyAccessMode.ReadWrite;

    /// <summary>Unit of measure, for example <c>°C</c>.</summary>
    public string? Unit { get; init; }

    /// <summary>Smallest valid value of a numeric property.</summary>
    public double? Minimum { get; init; }

    /// <summary>Largest valid value of a numeric property.</summary>
    public double? Maximum { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }
}
