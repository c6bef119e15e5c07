namespace EdgeHive.Grains.Cloud;

/// <summary>One silo of the cluster as the portal shows it.</summary>
/// <param name="Address">The silo's address.</param>
/// <param name="Name">The silo's name.</param>
/// <param name="Status">Orleans membership status (<c>Joining</c>, <c>Active</c>, <c>ShuttingDown</c>, <c>Stopping</c>,
/// <c>Dead</c>).</param>
/// <param name="StartTime">When the silo started.</param>
/// <param name="LastAlive">When it last wrote its I-am-alive time to the membership table.</param>
/// <param name="Activations">Its activations per grain class (Orleans' management grain), for active silos; null
/// otherwise.</param>
/// <param name="IsLocal">True for the silo that answered (serving this portal, or its gateway's).</param>
public sealed record SiloSummary(
    string Address,
    string Name,
    string Status,
    DateTimeOffset StartTime,
    DateTimeOffset LastAlive,
    IReadOnlyDictionary<string, int>? Activations,
    bool IsLocal);
