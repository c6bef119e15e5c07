using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Grains;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Portal;

/// <summary>The portal's view of the cluster from inside a silo: the silo's own grain factory and
/// <see cref="PortalQueries"/> (list queries, change feed, membership view), with no network hop.</summary>
internal sealed class SiloPortalBackend(IGrainFactory grains, global::Orleans.IGrainFactory orleans, PortalQueries queries) : IPortalBackend
{
    public IGrainFactory Grains => grains;

    public global::Orleans.IGrainFactory OrleansGrains => orleans;

    public Task<PortalPage<Device>> ListDevicesAsync(DeviceFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        queries.ListDevicesAsync(filter, page, cancellationToken);

    public Task<PortalPage<EdgeNode>> ListNodesAsync(NodeFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        queries.ListNodesAsync(filter, page, cancellationToken);

    public Task<PortalPage<DeviceModel>> ListModelsAsync(string? @namespace, PageRequest page, CancellationToken cancellationToken) =>
        queries.ListModelsAsync(@namespace, page, cancellationToken);

    public Task<PortalPage<ObjectSync>> ListObjectSyncsAsync(string node, bool? pending, PageRequest page, CancellationToken cancellationToken) =>
        queries.ListObjectSyncsAsync(node, pending, page, cancellationToken);

    public Task<long> LatestChangeIdAsync(CancellationToken cancellationToken) => queries.LatestChangeIdAsync(cancellationToken);

    public Task<IReadOnlyList<PortalChange>> RecentChangesAsync(int count, CancellationToken cancellationToken) =>
        queries.RecentChangesAsync(count, cancellationToken);

    public IAsyncEnumerable<PortalChange> ChangesAsync(long afterId, CancellationToken cancellationToken) =>
        queries.ChangesAsync(afterId, cancellationToken);

    public Task<IReadOnlyList<SiloSummary>> SilosAsync(CancellationToken cancellationToken) => queries.SilosAsync(cancellationToken);
}
