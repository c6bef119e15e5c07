namespace EdgeHive.Grains.Cloud;

/// <summary>What the cloud knows of a workload's instances: one entry per node it is assigned to, sorted by node.</summary>
/// <param name="Nodes">Per-node status.</param>
public sealed record WorkloadStatus(IReadOnlyList<WorkloadNodeStatus> Nodes)
{
    /// <summary>Per-node status; never null.</summary>
    public IReadOnlyList<WorkloadNodeStatus> Nodes { get; init; } = Nodes ?? [];

    /// <summary>How many nodes the workload is assigned to.</summary>
    public int Desired => Nodes.Count;

    /// <summary>How many of them report <see cref="WorkloadPhase.Running"/>.</summary>
    public int Running => Nodes.Count(n => n.Phase == WorkloadPhase.Running);
}
