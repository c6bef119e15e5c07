using System.Runtime.CompilerServices;
using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Observability;
using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Portal;

/// <summary>The portal's reads answered inside a silo: its list queries, change feed and the cluster view. Used by the
/// in-process portal (<see cref="SiloPortalBackend"/>) and by <see cref="PortalQueryGrain"/> for standalone portals, so
/// both hostings show the same pages. Only translates shapes; every rule stays in the query services.</summary>
internal sealed class PortalQueries(
    IDeviceQueries devices,
    INodeQueries nodes,
    IDeviceModelQueries models,
    IObjectSyncQueries syncs,
    IWorkloadQueries workloads,
    IChangeFeed feed,
    ClusterView cluster)
{
    public async Task<PortalPage<Device>> ListDevicesAsync(DeviceFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var result = await devices.ListAsync(
            new DeviceListQuery
            {
                Namespace = Blank(filter.Namespace),
                Node = Blank(filter.Node),
                Model = Blank(filter.Model),
                State = Blank(filter.State),
                Labels = filter.Labels,
                SortBy = page.SortBy?.ToLowerInvariant() switch
                {
                    "node" => DeviceSort.Node,
                    "model" => DeviceSort.Model,
                    "state" => DeviceSort.State,
                    _ => DeviceSort.Name,
                },
                Descending = page.Descending,
                Limit = page.Limit,
                Cursor = page.Cursor,
            },
            cancellationToken).ConfigureAwait(false);
        return new PortalPage<Device>(result.Items, result.NextCursor, result.Total);
    }

    public async Task<PortalPage<EdgeNode>> ListNodesAsync(NodeFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        var result = await nodes.ListAsync(
            new NodeListQuery
            {
                Status = Blank(filter.Status),
                Labels = filter.Labels,
                SortBy = string.Equals(page.SortBy, "status", StringComparison.OrdinalIgnoreCase) ? NodeSort.Status : NodeSort.Name,
                Descending = page.Descending,
                Limit = page.Limit,
                Cursor = page.Cursor,
            },
            cancellationToken).ConfigureAwait(false);
        return new PortalPage<EdgeNode>(result.Items, result.NextCursor, result.Total);
    }

    public async Task<PortalPage<DeviceModel>> ListModelsAsync(string? @namespace, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await models.ListAsync(
            new DeviceModelListQuery { Namespace = Blank(@namespace), Descending = page.Descending, Limit = page.Limit, Cursor = page.Cursor },
            cancellationToken).ConfigureAwait(false);
        return new PortalPage<DeviceModel>(result.Items, result.NextCursor, result.Total);
    }

    public async Task<PortalPage<Workload>> ListWorkloadsAsync(string? @namespace, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await workloads.ListAsync(
            new WorkloadListQuery { Namespace = Blank(@namespace), Descending = page.Descending, Limit = page.Limit, Cursor = page.Cursor },
            cancellationToken).ConfigureAwait(false);
        return new PortalPage<Workload>(result.Items, result.NextCursor, result.Total);
    }

    public async Task<PortalPage<ObjectSync>> ListObjectSyncsAsync(string node, bool? pending, PageRequest page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await syncs.ListAsync(
            new ObjectSyncListQuery { Node = node, Pending = pending, Limit = page.Limit, Cursor = page.Cursor },
            cancellationToken).ConfigureAwait(false);
        return new PortalPage<ObjectSync>(result.Items, result.NextCursor, result.Total);
    }

    public Task<long> LatestChangeIdAsync(CancellationToken cancellationToken) => feed.LatestIdAsync(cancellationToken);

    public async Task<IReadOnlyList<PortalChange>> RecentChangesAsync(int count, CancellationToken cancellationToken)
    {
        var latest = await feed.LatestIdAsync(cancellationToken).ConfigureAwait(false);
        var recent = new List<PortalChange>();
        if (latest == 0)
        {
            return recent;
        }

        // The feed follows live changes after the stored ones: stop at the newest id seen when reading started.
        await foreach (var change in feed.ReadAsync(Math.Max(0, latest - count), null, cancellationToken).ConfigureAwait(false))
        {
            recent.Add(ToPortal(change));
            if (change.Id >= latest)
            {
                break;
            }
        }

        recent.Reverse();
        return recent;
    }

    public async IAsyncEnumerable<PortalChange> ChangesAsync(long afterId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var change in feed.ReadAsync(afterId, null, cancellationToken).ConfigureAwait(false))
        {
            yield return ToPortal(change);
        }
    }

    public async Task<IReadOnlyList<SiloSummary>> SilosAsync(CancellationToken cancellationToken)
    {
        var silos = await cluster.SilosAsync(cancellationToken).ConfigureAwait(false);
        return [.. silos.Select(s => new SiloSummary(
            s.Address, s.Name, s.Status, s.StartTime, s.LastAlive, s.ActivationsByType, s.IsLocal))];
    }

    public static PortalChange ToPortal(ChangeEvent change) =>
        new(change.Id, change.Kind, change.Key, change.Node, change.Operation, change.ResourceVersion, change.At);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
