using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Backend;

/// <summary>
/// What the portal reads from the cluster besides grain calls: list pages, the change feed and the silos. The silo
/// implements it over its own query services and change feed; a standalone portal over the cluster database. Writes
/// never go through here: they are grain calls through <see cref="OrleansGrains"/>, so both hostings share one write path.
/// </summary>
public interface IPortalBackend
{
    /// <summary>Grain calls: the silo's Orleans factory, or the standalone portal's Orleans client (which throws <see cref="Cluster.ClusterUnavailableException"/> until it has
    /// reached a gateway).</summary>
    global::Orleans.IGrainFactory OrleansGrains { get; }

    /// <summary>One page of devices, filtered and sorted on the server.</summary>
    Task<PortalPage<Device>> ListDevicesAsync(DeviceFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>One page of nodes, filtered and sorted on the server.</summary>
    Task<PortalPage<EdgeNode>> ListNodesAsync(NodeFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>One page of device models (sorted by name).</summary>
    Task<PortalPage<DeviceModel>> ListModelsAsync(string? @namespace, PageRequest page, CancellationToken cancellationToken);

    /// <summary>One page of workloads (sorted by name); <paramref name="namespace"/> null for all.</summary>
    Task<PortalPage<Workload>> ListWorkloadsAsync(string? @namespace, PageRequest page, CancellationToken cancellationToken);

    /// <summary>The newest <paramref name="tail"/> output lines of a workload on <paramref name="node"/>, asked from the
    /// node over its link; the tail's status code and error say why there are none.</summary>
    Task<WorkloadLogTail> WorkloadLogsAsync(string @namespace, string name, string node, int tail, CancellationToken cancellationToken);

    /// <summary>One page of a node's object-sync records; <paramref name="pending"/> null for all.</summary>
    Task<PortalPage<ObjectSync>> ListObjectSyncsAsync(string node, bool? pending, PageRequest page, CancellationToken cancellationToken);

    /// <summary>The id of the newest change, or 0.</summary>
    Task<long> LatestChangeIdAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> of the newest stored changes, newest first.</summary>
    Task<IReadOnlyList<PortalChange>> RecentChangesAsync(int count, CancellationToken cancellationToken);

    /// <summary>Changes after <paramref name="afterId"/>, then live ones until cancelled.</summary>
    IAsyncEnumerable<PortalChange> ChangesAsync(long afterId, CancellationToken cancellationToken);

    /// <summary>The cluster's silos as this process sees them.</summary>
    Task<IReadOnlyList<SiloSummary>> SilosAsync(CancellationToken cancellationToken);

    /// <summary>Raised whenever the cluster answered (again): the standalone portal raises it on each successful
    /// subscribe or renewal of its change subscription, so pages that show "cluster not reachable" reload by themselves
    /// (<see cref="Live.ChangeWatch.RetryWhenReachable"/>). A silo's portal, which is part of the cluster, never raises it.</summary>
    event EventHandler? ClusterReachable
    {
        add { }
        remove { }
    }
}
