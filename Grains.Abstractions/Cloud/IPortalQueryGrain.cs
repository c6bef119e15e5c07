namespace EdgeHive.Grains.Cloud;

/// <summary>
/// What a portal (or any cluster client) reads from the cluster besides single grains: list pages with the portal's
/// filters, paging and cursors, the change feed's position and newest entries, and the silos. Stateless: each call is
/// a query over the cluster database (indexed grain state, the change table) or Orleans' management grain. A stateless
/// worker: the silo whose gateway the client uses answers, and every method is read-only, so the requests of one
/// portal's concurrent pages interleave. A client uses its own client id as the key.
/// </summary>
public interface IPortalQueryGrain : global::Orleans.IGrainWithStringKey
{
    /// <summary>One page of devices, filtered and sorted on the server.</summary>
    /// <exception cref="ArgumentException">A malformed cursor or label selector.</exception>
    [global::Orleans.Concurrency.ReadOnly]
    Task<PortalPage<Device>> ListDevices(DeviceFilter filter, PageRequest page);

    /// <summary>One page of nodes, filtered and sorted on the server.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<PortalPage<EdgeNode>> ListNodes(NodeFilter filter, PageRequest page);

    /// <summary>One page of device models (sorted by name); <paramref name="namespace"/> null for all.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<PortalPage<DeviceModel>> ListModels(string? @namespace, PageRequest page);

    /// <summary>One page of workloads (sorted by name); <paramref name="namespace"/> null for all.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<PortalPage<Workload>> ListWorkloads(string? @namespace, PageRequest page);

    /// <summary>One page of a node's object-sync records; <paramref name="pending"/> null for all.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<PortalPage<ObjectSync>> ListObjectSyncs(string node, bool? pending, PageRequest page);

    /// <summary>The id of the newest change, or 0.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<long> LatestChangeId();

    /// <summary>Up to <paramref name="count"/> of the newest stored changes, newest first.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<PortalChange>> RecentChanges(int count);

    /// <summary>The cluster's silos from Orleans' membership table (through its management grain), the active ones
    /// with their activation counts; <see cref="SiloSummary.IsLocal"/> marks the answering silo.</summary>
    [global::Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<SiloSummary>> Silos();
}
