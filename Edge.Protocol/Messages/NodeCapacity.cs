namespace EdgeHive.Edge.Protocol;

/// <summary>Resources of an edge node.</summary>
public sealed record NodeCapacity
{
    /// <summary>Logical processors.</summary>
    public int CpuCores { get; init; }

    /// <summary>Physical memory in bytes.</summary>
    public long MemoryBytes { get; init; }

    /// <summary>Most devices the agent is configured to serve; 0 when unlimited.</summary>
    public int MaxDevices { get; init; }
}
