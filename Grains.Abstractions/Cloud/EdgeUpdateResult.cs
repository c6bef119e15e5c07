namespace EdgeHive.Grains.Cloud;

/// <summary>What a device grain did with an edge report or acknowledgement. The gateway acknowledges the edge in
/// either case: ignored entries (stale, duplicate, unknown property) would be ignored again on every replay.</summary>
/// <param name="ResourceVersion">The device's resource version afterwards.</param>
/// <param name="Applied">Property names whose values were applied.</param>
/// <param name="Ignored">Property names that were not applied, each with the reason.</param>
public sealed record EdgeUpdateResult(
    long ResourceVersion,
    IReadOnlyList<string> Applied,
    IReadOnlyList<ValidationError> Ignored)
{
    /// <summary>Applied property names; never null.</summary>
    public IReadOnlyList<string> Applied { get; init; } = Applied ?? [];

    /// <summary>Ignored property names with reasons; never null.</summary>
    public IReadOnlyList<ValidationError> Ignored { get; init; } = Ignored ?? [];
}
