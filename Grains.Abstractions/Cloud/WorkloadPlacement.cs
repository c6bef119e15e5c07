namespace EdgeHive.Grains.Cloud;

/// <summary>Where a workload runs: exactly one of a node name, or a label selector over nodes (every node whose labels
/// include all of <paramref name="NodeSelector"/> runs one instance, like a DaemonSet).</summary>
/// <param name="NodeName">One node, by name.</param>
/// <param name="NodeSelector">Labels a node must all carry (<c>key=value</c>, equality only).</param>
public sealed record WorkloadPlacement(string? NodeName = null, IReadOnlyDictionary<string, string>? NodeSelector = null)
{
    /// <summary>True when <paramref name="other"/> places the same way (selectors compared by content).</summary>
    public bool SameAs(WorkloadPlacement? other) =>
        other is not null
        && NodeName == other.NodeName
        && (NodeSelector?.Count ?? 0) == (other.NodeSelector?.Count ?? 0)
        && (NodeSelector ?? new Dictionary<string, string>()).All(p => other.NodeSelector!.TryGetValue(p.Key, out var v) && v == p.Value);
}
