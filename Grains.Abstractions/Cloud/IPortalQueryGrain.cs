namespace EdgeHive.Grains.Cloud;

/// <summary>
/// What a portal (or any cluster client) reads from the cluster besides single grains: list pages with the portal's
/// filters, paging and cursors, the change feed's position and newest entries, and the silos. Stateless: each call is
/// a query over the cluster database (indexed grain state, the change table) or the answering silo's membership view.
/// A client uses its own client id as the key, so different portals' activations spread over the silos; every method
/// is read-only, so the requests of one portal's concurrent pages interleave on its activation.
/// </summary>
public interface IPortalQueryGrain : IGrainWithStringKey
{
    /// <summary>One page of devices, filtered and sorted on the server.</summary>
    /// <exception cref="ArgumentException">A malformed cursor or label selector.</exception>
    [ReadOnly]
    Task<PortalPage<Device>> ListDevices(DeviceFilter filter, PageRequest page);

    /// <summary>One page of nodes, filtered and sorted on the server.</summary>
    [ReadOnly]
    Task<PortalPage<EdgeNode>> ListNodes(NodeFilter filter, PageRequest page);

    /// <summary>One page of device models (sorted by name); <paramref name="namespace"/> null for all.</summary>
    [ReadOnly]
    Task<PortalPage<DeviceModel>> ListModels(string? @namespace, PageRequest page);

    /// <summary>One page of workloads (sorted by name); <paramref name="namespace"/> null for all.</summary>
    [ReadOnly]
    Task<PortalPage<Workload>> ListWorkloads(string? @namespace, PageRequest page);

    /// <summary>One page of a node's object-sync records; <paramref name="pending"/> null for all.</summary>
    [ReadOnly]
    Task<PortalPage<ObjectSync>> ListObjectSyncs(string node, bool? pending, PageRequest page);

    /// <summary>The id of the newest change, or 0.</summary>
    [ReadOnly]
    Task<long> LatestChangeId();

    /// <summary>Up to <paramref name="count"/> of the newest stored changes, newest first.</summary>
    [ReadOnly]
    Task<IReadOnlyList<PortalChange>> RecentChanges(int count);

    /// <summary>The cluster's silos as the answering silo sees them (<see cref="SiloSummary.IsLocal"/> marks it, and
    /// only it carries activation counts).</summary>
    [ReadOnly]
    Task<IReadOnlyList<SiloSummary>> Silos();
}
