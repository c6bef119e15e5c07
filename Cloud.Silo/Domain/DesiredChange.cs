namespace EdgeHive.Cloud.Silo.Domain;

/// <summary>A desired value the edge has not applied yet, as it is sent downstream.</summary>
/// <param name="Property">The twin property.</param>
/// <param name="Value">The desired value, or null to remove the property's desired value.</param>
/// <param name="Version">The cloud version; the edge rejects it if it already holds a newer one.</param>
internal sealed record DesiredChange(string Property, string? Value, long Version);
