using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>A portal backend that makes grain calls and, over a <see cref="FakeCluster"/>, lists devices by label
/// selector in key order: all an import or a bulk edit needs.</summary>
internal sealed class FakePortalBackend(FakeCluster cluster) : IPortalBackend
{
    public global::Orleans.IGrainFactory OrleansGrains => cluster.Orleans;

    public Task<PortalPage<Device>> ListDevicesAsync(DeviceFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        var matching = cluster.Devices.Values
            .Where(d => filter.Labels.All(selector => d.Spec.Labels.Any(l => l.Key + "=" + l.Value == selector)))
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .ToList();
        var items = matching.Where(d => page.Cursor is null || string.CompareOrdinal(d.Key, page.Cursor) > 0).Take(page.Limit).ToList();
        var next = items.Count == page.Limit && matching[^1].Key != items[^1].Key ? items[^1].Key : null;
        return Task.FromResult(new PortalPage<Device>(items, next, matching.Count));
    }

    public Task<PortalPage<EdgeNode>> ListNodesAsync(NodeFilter filter, PageRequest page, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<PortalPage<DeviceModel>> ListModelsAsync(string? @namespace, PageRequest page, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<PortalPage<Workload>> ListWorkloadsAsync(string? @namespace, PageRequest page, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<WorkloadLogTail> WorkloadLogsAsync(string @namespace, string name, string node, int tail, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<PortalPage<ObjectSync>> ListObjectSyncsAsync(string node, bool? pending, PageRequest page, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<long> LatestChangeIdAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<PortalChange>> RecentChangesAsync(int count, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<PortalChange> ChangesAsync(long afterId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<SiloSummary>> SilosAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
}
