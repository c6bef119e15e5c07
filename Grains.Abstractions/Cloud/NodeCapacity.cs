namespace EdgeHive.Grains.Cloud;

/// <summary>Resources of an edge machine, as the agent reports them at registration.</summary>
/// <param name="CpuCores">Logical processors.</param>
/// <param name="MemoryBytes">Physical memory.</param>
/// <param name="StorageBytes">Disk space available to the agent.</param>
/// <param name="MaxDevices">How many devices the agent accepts, or 0 for no limit.</param>
public sealed record NodeCapacity(int CpuCores, long MemoryBytes, long StorageBytes, int MaxDevices);
