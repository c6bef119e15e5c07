namespace EdgeHive.Grains.Cloud;

/// <summary>One silo of the cluster as the portal shows it.</summary>
/// <param name="Address">The silo's address.</param>
/// <param name="Name">The silo's name.</param>
/// <param name="Status">Membership status (<c>Active</c>, <c>Joining</c>, <c>ShuttingDown</c>, <c>Dead</c>).</param>
/// <param name="StartTime">When the silo started.</param>
/// <param name="LastAlive">When it last wrote its I-am-alive time.</param>
/// <param name="Activations">Activations per grain type, when known (the local silo's, or published statistics).</param>
/// <param name="IsLocal">True for the silo serving this portal.</param>
public sealed record SiloSummary(
    string Address,
    string Name,
    string Status,
    DateTimeOffset StartTime,
    DateTimeOffset LastAlive,
    IReadOnlyDictionary<string, int>? Activations,
    bool IsLocal);
