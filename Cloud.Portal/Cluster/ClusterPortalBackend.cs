using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Cluster;

/// <summary>
/// The portal's view of the cluster from a separate process: grain calls through the Orleans client, lists and silos
/// through this portal's <see cref="IPortalQueryGrain"/> (Orleans), live changes from <see cref="PortalChangeHub"/>. A
/// read that no gateway answers becomes <see cref="ClusterUnavailableException"/>, whose message the page shows.
/// </summary>
internal sealed class ClusterPortalBackend(PortalOrleansClient orleans, PortalChangeHub hub) : IPortalBackend
{
    /// <summary>This portal's query grain (a stateless worker on the silo of the client's gateway).</summary>
    private IPortalQueryGrain Query => orleans.Grains.GetGrain<IPortalQueryGrain>(orleans.ClientId);

    public global::Orleans.IGrainFactory OrleansGrains => orleans.Grains;

    public Task<PortalPage<Device>> ListDevicesAsync(DeviceFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        ReadAsync(() => Query.ListDevices(filter, page), cancellationToken);

    public Task<PortalPage<EdgeNode>> ListNodesAsync(NodeFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        ReadAsync(() => Query.ListNodes(filter, page), cancellationToken);

    public Task<PortalPage<DeviceModel>> ListModelsAsync(string? @namespace, PageRequest page, CancellationToken cancellationToken) =>
        ReadAsync(() => Query.ListModels(@namespace, page), cancellationToken);

    public Task<PortalPage<Workload>> ListWorkloadsAsync(string? @namespace, PageRequest page, CancellationToken cancellationToken) =>
        ReadAsync(() => Query.ListWorkloads(@namespace, page), cancellationToken);

    /// <summary>Asked through the node's session grain, which passes the request to the connection on whichever silo
    /// holds the node's link (see docs/operations.md, "Workload logs").</summary>
    public async Task<WorkloadLogTail> WorkloadLogsAsync(string @namespace, string name, string node, int tail, CancellationToken cancellationToken)
    {
        try
        {
            return await orleans.Grains.GetGrain<INodeSessionGrain>(node).RequestLogs(@namespace, name, tail, LogsTimeout)
                .WaitAsync(LogsTimeout + LogsMargin, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return new WorkloadLogTail(node, 504, [], $"Node '{node}' did not answer within {LogsTimeout.TotalSeconds:0} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new WorkloadLogTail(node, 503, [], $"The cluster cannot be reached for node '{node}''s logs ({ex.GetType().Name}). Retry later.");
        }
    }

    /// <summary>How long the portal waits for a node's logs (as a silo's portal does).</summary>
    private static readonly TimeSpan LogsTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How much longer the portal waits for the session grain than the node is given.</summary>
    private static readonly TimeSpan LogsMargin = TimeSpan.FromSeconds(6);

    public Task<PortalPage<ObjectSync>> ListObjectSyncsAsync(string node, bool? pending, PageRequest page, CancellationToken cancellationToken) =>
        ReadAsync(() => Query.ListObjectSyncs(node, pending, page), cancellationToken);

    /// <summary>The hub's position when it has one: a live stream then starts exactly where the hub is, with no call.</summary>
    public Task<long> LatestChangeIdAsync(CancellationToken cancellationToken) =>
        hub.LastId is >= 0 and var last ? Task.FromResult(last) : ReadAsync(() => Query.LatestChangeId(), cancellationToken);

    public Task<IReadOnlyList<PortalChange>> RecentChangesAsync(int count, CancellationToken cancellationToken) =>
        ReadAsync(() => Query.RecentChanges(count), cancellationToken);

    public IAsyncEnumerable<PortalChange> ChangesAsync(long afterId, CancellationToken cancellationToken) =>
        hub.ReadAsync(afterId, cancellationToken);

    public Task<IReadOnlyList<SiloSummary>> SilosAsync(CancellationToken cancellationToken) =>
        ReadAsync(() => Query.Silos(), cancellationToken);

    public event EventHandler? ClusterReachable
    {
        add => hub.Reachable += value;
        remove => hub.Reachable -= value;
    }

    private async Task<T> ReadAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ClusterOutage.IsUnreachable(ex))
        {
            throw new ClusterUnavailableException(
                $"The cluster is not reachable through {orleans.Gateways}: {ex.Message} The page works again as soon as a silo answers.", ex);
        }
    }
}
