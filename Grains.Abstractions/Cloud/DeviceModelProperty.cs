namespace EdgeHive.Grains.Cloud;

/// <summary>One property of a device model (KubeEdge's <c>spec.properties[]</c> of a DeviceModel).</summary>
/// <param name="Name">Property name; matches <c>^[a-zA-Z0-9-_.,:/@#]{1,128}$</c> and is unique in the model.</param>
/// <param name="Type">The value type.</param>
/// <param name="AccessMode">Whether desired values may be set.</param>
/// <param name="Unit">Unit of measure shown to operators (for example <c>°C</c>), or null.</param>
/// <param name="Minimum">Inclusive lower bound; numeric types only.</param>
/// <param name="Maximum">Inclusive upper bound; numeric types only.</param>
/// <param name="Description">Free text, or null.</param>
public sealed record DeviceModelProperty(
    string Name,
    PropertyType Type,
    AccessMode AccessMode,
    string? Unit,
    double? Minimum,
    double? Maximum,
    string? Description);
