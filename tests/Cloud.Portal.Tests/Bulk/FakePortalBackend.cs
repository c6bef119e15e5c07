using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Grains;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Tests.Bulk;

/// <summary>A portal backend that only makes grain calls: all an import needs.</summary>
internal sealed class FakePortalBackend(IGrainFactory grains) : IPortalBackend
{
    public IGrainFactory Grains { get; } = grains;

    public Task<PortalPage<Device>> ListDevicesAsync(DeviceFilter filter, PageRequest page, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<PortalPage<EdgeNode>> ListNodesAsync(NodeFilter filter, PageRequest page, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<PortalPage<DeviceModel>> ListModelsAsync(string? @namespace, PageRequest page, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<PortalPage<ObjectSync>> ListObjectSyncsAsync(string node, bool? pending, PageRequest page, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<long> LatestChangeIdAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<PortalChange>> RecentChangesAsync(int count, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<PortalChange> ChangesAsync(long afterId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<SiloSummary>> SilosAsync(CancellationToken cancellationToken) => throw new NotSupportedException();
}
