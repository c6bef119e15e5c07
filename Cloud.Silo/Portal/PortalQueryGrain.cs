using EdgeHive.Grains.Cloud;
using Orleans;
using Orleans.Concurrency;

namespace EdgeHive.Cloud.Silo.Portal;

/// <summary>
/// <see cref="IPortalQueryGrain"/> over <see cref="PortalQueries"/>. A stateless worker: it holds nothing, so each silo
/// answers the portals connected to its gateway locally, and losing a silo loses nothing.
/// </summary>
[StatelessWorker]
internal sealed class PortalQueryGrain(PortalQueries queries) : Grain, IPortalQueryGrain
{
    public Task<PortalPage<Device>> ListDevices(DeviceFilter filter, PageRequest page) =>
        queries.ListDevicesAsync(filter, page, CancellationToken.None);

    public Task<PortalPage<EdgeNode>> ListNodes(NodeFilter filter, PageRequest page) =>
        queries.ListNodesAsync(filter, page, CancellationToken.None);

    public Task<PortalPage<DeviceModel>> ListModels(string? @namespace, PageRequest page) =>
        queries.ListModelsAsync(@namespace, page, CancellationToken.None);

    public Task<PortalPage<Workload>> ListWorkloads(string? @namespace, PageRequest page) =>
        queries.ListWorkloadsAsync(@namespace, page, CancellationToken.None);

    public Task<PortalPage<ObjectSync>> ListObjectSyncs(string node, bool? pending, PageRequest page) =>
        queries.ListObjectSyncsAsync(node, pending, page, CancellationToken.None);

    public Task<long> LatestChangeId() => queries.LatestChangeIdAsync(CancellationToken.None);

    public Task<IReadOnlyList<PortalChange>> RecentChanges(int count) => queries.RecentChangesAsync(Math.Clamp(count, 0, 500), CancellationToken.None);

    public Task<IReadOnlyList<SiloSummary>> Silos() => queries.SilosAsync(CancellationToken.None);
}
