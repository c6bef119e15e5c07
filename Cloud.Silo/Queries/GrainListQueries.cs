using System.Text.Json;
using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Grains.Cloud;
using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Cloud.Silo.Queries;

/// <summary>
/// Every list the REST layer offers, as one <see cref="IGrainStateStore.QueryAsync"/> each: filters and sort run on the
/// index entries the grains write with their state, and the page's payloads are mapped to the contract records. Every
/// query also filters on an index entry that only live objects have, which leaves out tombstones of deleted ones.
/// </summary>
internal sealed class GrainListQueries(IGrainStateStore storage) : IDeviceQueries, INodeQueries, IDeviceModelQueries, IObjectSyncQueries, IWorkloadQueries
{
    private const string DeviceType = "device";
    private const string NodeType = "edgenode";
    private const string ModelType = "devicemodel";
    private const string SyncType = "objectsync";
    private const string WorkloadType = "workload";

    public async Task<Page<Device>> ListAsync(DeviceListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<IndexFilter> { Exact("namespace", query.Namespace) };
        AddIf(filters, "node", query.Node);
        AddIf(filters, "model", query.Model);
        AddIf(filters, "state", query.State?.ToLowerInvariant());
        filters.AddRange(Labels(query.Labels));
        var sort = query.SortBy switch
        {
            DeviceSort.Node => "node",
            DeviceSort.Model => "model",
            DeviceSort.State => "state",
            _ => "name",
        };
        return await RunAsync<DeviceGrainState, Device>(DeviceType, filters, sort, query.Descending, query.Limit, query.Cursor, query.IncludeTotal, s => s.Device, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<EdgeNode>> ListAsync(NodeListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<IndexFilter> { Exact("status", query.Status?.ToLowerInvariant()) };
        filters.AddRange(Labels(query.Labels));
        var sort = query.SortBy == NodeSort.Status ? "status" : "name";
        return await RunAsync<EdgeNodeGrainState, EdgeNode>(NodeType, filters, sort, query.Descending, query.Limit, query.Cursor, query.IncludeTotal, s => s.Node, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<DeviceModel>> ListAsync(DeviceModelListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        IndexFilter[] filters = [Exact("namespace", query.Namespace)];
        return await RunAsync<DeviceModelGrainState, DeviceModel>(ModelType, filters, "name", query.Descending, query.Limit, query.Cursor, query.IncludeTotal, s => s.Model, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<Workload>> ListAsync(WorkloadListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<IndexFilter> { Exact("namespace", query.Namespace) };
        AddIf(filters, "node", query.Node);
        AddIf(filters, "placement", query.BySelector switch { true => "selector", false => "node", null => null });
        return await RunAsync<WorkloadGrainState, Workload>(WorkloadType, filters, "name", query.Descending, query.Limit, query.Cursor, query.IncludeTotal, s => s.Workload, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<ObjectSync>> ListAsync(ObjectSyncListQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<IndexFilter> { Exact("node", query.Node) };
        if (query.Pending is { } pending)
        {
            filters.Add(new IndexFilter("pending", pending ? "true" : "false"));
        }

        return await RunAsync<ObjectSyncGrainState, ObjectSync>(SyncType, filters, null, false, query.Limit, query.Cursor, query.IncludeTotal, s => s.Sync, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Page<TItem>> RunAsync<TState, TItem>(
        string grainType,
        IReadOnlyList<IndexFilter> filters,
        string? sortBy,
        bool descending,
        int? limit,
        string? cursor,
        bool includeTotal,
        Func<TState, TItem?> select,
        CancellationToken cancellationToken)
        where TItem : class
    {
        var page = await storage.QueryAsync(
            new GrainQuery
            {
                GrainType = grainType,
                Filters = filters,
                SortBy = sortBy,
                Descending = descending,
                Limit = ListLimits.Effective(limit),
                Cursor = string.IsNullOrEmpty(cursor) ? null : cursor,
                IncludeTotal = includeTotal,
            },
            cancellationToken).ConfigureAwait(false);
        var items = new List<TItem>(page.Items.Count);
        foreach (var row in page.Items)
        {
            if (JsonSerializer.Deserialize<TState>(row.Payload, CloudJson.Options) is { } stored && select(stored) is { } item)
            {
                items.Add(item);
            }
        }

        return new Page<TItem>(items, page.NextCursor, page.Total);
    }

    /// <summary>An exact filter, or (value null) a filter every live object passes: the prefix "" of an index only
    /// live objects carry.</summary>
    private static IndexFilter Exact(string name, string? value) =>
        value is null ? new IndexFilter(name, string.Empty, Prefix: true) : new IndexFilter(name, value);

    private static void AddIf(List<IndexFilter> filters, string name, string? value)
    {
        if (value is not null)
        {
            filters.Add(new IndexFilter(name, value));
        }
    }

    private static IEnumerable<IndexFilter> Labels(IReadOnlyList<string>? selectors)
    {
        foreach (var selector in selectors ?? [])
        {
            var equals = selector?.IndexOf('=', StringComparison.Ordinal) ?? -1;
            if (equals <= 0)
            {
                throw new ArgumentException($"Label selector '{selector}' must have the form key=value.", nameof(selectors));
            }

            yield return new IndexFilter("label", selector!);
        }
    }
}
