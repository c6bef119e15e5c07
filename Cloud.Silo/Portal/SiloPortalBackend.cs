using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Cloud.Silo.Gateway;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Portal;

/// <summary>The portal's view of the cluster from inside a silo: the silo's own grain factory and
/// <see cref="PortalQueries"/> (list queries, change feed, membership view), with no network hop.</summary>
internal sealed class SiloPortalBackend(
    global::Orleans.IGrainFactory orleans, PortalQueries queries, WorkloadLogsClient? logs = null) : IPortalBackend
{
    /// <summary>How long the portal waits for a node's log answer.</summary>
    public static readonly TimeSpan LogsTimeout = TimeSpan.FromSeconds(10);

    public global::Orleans.IGrainFactory OrleansGrains => orleans;

    public Task<PortalPage<Device>> ListDevicesAsync(DeviceFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        queries.ListDevicesAsync(filter, page, cancellationToken);

    public Task<PortalPage<EdgeNode>> ListNodesAsync(NodeFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        queries.ListNodesAsync(filter, page, cancellationToken);

    public Task<PortalPage<DeviceModel>> ListModelsAsync(string? @namespace, PageRequest page, CancellationToken cancellationToken) =>
        queries.ListModelsAsync(@namespace, page, cancellationToken);

    public Task<PortalPage<Workload>> ListWorkloadsAsync(string? @namespace, PageRequest page, CancellationToken cancellationToken) =>
        queries.ListWorkloadsAsync(@namespace, page, cancellationToken);

    public Task<WorkloadLogTail> WorkloadLogsAsync(string @namespace, string name, string node, int tail, CancellationToken cancellationToken) =>
        logs is null
            ? Task.FromResult(new WorkloadLogTail(node, 503, [], "This silo has no edge gateway, so it cannot reach nodes."))
            : logs.FetchAsync(node, @namespace, name, tail, LogsTimeout, cancellationToken);

    public Task<PortalPage<ObjectSync>> ListObjectSyncsAsync(string node, bool? pending, PageRequest page, CancellationToken cancellationToken) =>
        queries.ListObjectSyncsAsync(node, pending, page, cancellationToken);

    public Task<long> LatestChangeIdAsync(CancellationToken cancellationToken) => queries.LatestChangeIdAsync(cancellationToken);

    public Task<IReadOnlyList<PortalChange>> RecentChangesAsync(int count, CancellationToken cancellationToken) =>
        queries.RecentChangesAsync(count, cancellationToken);

    public IAsyncEnumerable<PortalChange> ChangesAsync(long afterId, CancellationToken cancellationToken) =>
        queries.ChangesAsync(afterId, cancellationToken);

    public Task<IReadOnlyList<SiloSummary>> SilosAsync(CancellationToken cancellationToken) => queries.SilosAsync(cancellationToken);
}
