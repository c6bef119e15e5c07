namespace EdgeHive.Grains.Cloud;

/// <summary>Device list filters; null means "any", and every given filter must match.</summary>
/// <param name="Namespace">Namespace.</param>
/// <param name="Node">Bound node.</param>
/// <param name="Model">Model name.</param>
/// <param name="State">State word (<c>online</c>, <c>offline</c>, <c>ok</c>, <c>unknown</c>, <c>unhealthy</c>).</param>
/// <param name="Labels">Label selectors <c>key=value</c>.</param>
public sealed record DeviceFilter(string? Namespace, string? Node, string? Model, string? State, IReadOnlyList<string> Labels)
{
    /// <summary>No filter.</summary>
    public static DeviceFilter None { get; } = new(null, null, null, null, []);
}
