using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Queries;

/// <summary>Workload lists over the workloads' index entries.</summary>
public interface IWorkloadQueries
{
    /// <summary>One page of workloads.</summary>
    /// <exception cref="ArgumentException">A malformed cursor or a limit below 1 (HTTP 400).</exception>
    Task<Page<Workload>> ListAsync(WorkloadListQuery query, CancellationToken cancellationToken);
}
