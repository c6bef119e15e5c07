namespace EdgeHive.Grains.Cloud;

/// <summary>The part of a device an operator writes (create, replace, merge patch, set desired).</summary>
/// <param name="Model">Name of the device model, in the device's namespace (KubeEdge's <c>deviceModelRef</c>).</param>
/// <param name="NodeName">The edge node the device is bound to, or null when unbound.</param>
/// <param name="Protocol">How the edge reaches the device, or null.</param>
/// <param name="Labels">Labels for selection and filtering.</param>
/// <param name="Desired">Desired value per property, as strings (KubeEdge's <c>spec.properties[].desired.value</c>).
/// Versions and timestamps of these values are in <see cref="DeviceStatus.Twin"/>.</param>
public sealed record DeviceSpec(
    string Model,
    string? NodeName,
    ProtocolConfig? Protocol,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Desired)
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    /// <summary>Labels; never null.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = Labels ?? Empty;

    /// <summary>Desired values; never null.</summary>
    public IReadOnlyDictionary<string, string> Desired { get; init; } = Desired ?? Empty;
}
