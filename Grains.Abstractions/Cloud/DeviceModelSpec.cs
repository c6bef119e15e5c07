namespace EdgeHive.Grains.Cloud;

/// <summary>The part of a device model an operator writes (create, replace, merge patch).</summary>
/// <param name="Description">Free text, or null.</param>
/// <param name="Properties">The typed properties, in display order.</param>
public sealed record DeviceModelSpec(string? Description, IReadOnlyList<DeviceModelProperty> Properties)
{
    /// <summary>The typed properties; never null.</summary>
    public IReadOnlyList<DeviceModelProperty> Properties { get; init; } = Properties ?? [];
}
