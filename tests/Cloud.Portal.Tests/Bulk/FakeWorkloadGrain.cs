using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>A workload grain over <see cref="FakeCluster.Workloads"/>: reads, and replaces with an ETag check (the
/// placement and status rules are the real grain's, tested in Cloud.Silo.Tests).</summary>
internal sealed class FakeWorkloadGrain(FakeCluster cluster, string key) : IWorkloadGrain
{
    public Task<OperationResult<Workload>> Get() => cluster.CallAsync("workload:" + key, () => Task.CompletedTask, () =>
        cluster.Workloads.TryGetValue(key, out var workload) ? OperationResult<Workload>.Ok(workload, workload.ETag) : OperationResult<Workload>.NotFound(key));

    public Task<OperationResult<Workload>> Create(WorkloadSpec spec) => cluster.CallAsync("workload:" + key, () => Task.CompletedTask, () =>
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var workload = new Workload(key[..slash], key[(slash + 1)..], spec, new WorkloadStatus([]), 1, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        return cluster.Workloads.TryAdd(key, workload)
            ? OperationResult<Workload>.Ok(workload, workload.ETag)
            : OperationResult<Workload>.Conflict("exists", cluster.Workloads[key].ETag);
    });

    public Task<OperationResult<Workload>> Replace(WorkloadSpec spec, string? ifMatch) => cluster.CallAsync("workload:" + key, () => Task.CompletedTask, () =>
    {
        if (!cluster.Workloads.TryGetValue(key, out var current))
        {
            return OperationResult<Workload>.NotFound(key);
        }

        if (ifMatch is not null && ifMatch != current.ETag)
        {
            return OperationResult<Workload>.PreconditionFailed(current.ETag);
        }

        var next = current with { Spec = spec, Generation = current.ResourceVersion + 1, ResourceVersion = current.ResourceVersion + 1 };
        cluster.Workloads[key] = next;
        return OperationResult<Workload>.Ok(next, next.ETag);
    });

    public Task<OperationResult<Workload>> Patch(string mergePatchJson, string? ifMatch) => throw new NotSupportedException();

    public Task<OperationResult<Workload>> Delete(string? ifMatch) => cluster.CallAsync("workload:" + key, () => Task.CompletedTask, () =>
        cluster.Workloads.TryRemove(key, out var removed) ? OperationResult<Workload>.Ok(removed, removed.ETag) : OperationResult<Workload>.NotFound(key));

    public Task<OperationResult<Workload>> ReportStatus(string node, WorkloadStatusUpdate update) => throw new NotSupportedException();

    public Task<OperationResult<Workload>> Reconcile() => throw new NotSupportedException();

    public Task ResyncForNewInstall(string nodeName, long install) => throw new NotSupportedException();
}
