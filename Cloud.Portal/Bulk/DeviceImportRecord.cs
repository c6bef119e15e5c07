using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Bulk;

/// <summary>One device row of an import file, parsed and type-checked but not yet checked against the cluster.</summary>
/// <param name="Line">1-based line in the file where the row starts.</param>
/// <param name="Namespace">The device's namespace.</param>
/// <param name="Name">The device's name.</param>
/// <param name="Model">The model's name (in the device's namespace).</param>
/// <param name="Node">The node to bind to, or null for unbound.</param>
/// <param name="Labels">The labels; they replace the device's labels.</param>
/// <param name="Protocol">The protocol config, or null for none.</param>
/// <param name="Desired">Desired values to set; a null value removes one. Values not named are left as they are.</param>
internal sealed record DeviceImportRecord(
    int Line,
    string Namespace,
    string Name,
    string Model,
    string? Node,
    IReadOnlyDictionary<string, string> Labels,
    ProtocolConfig? Protocol,
    IReadOnlyDictionary<string, string?> Desired)
{
    /// <summary>The device's key, <c>{namespace}/{name}</c>.</summary>
    public string Key => Namespace + "/" + Name;
}
