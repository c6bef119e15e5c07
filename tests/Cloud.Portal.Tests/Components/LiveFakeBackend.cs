using System.Runtime.CompilerServices;
using System.Threading.Channels;
using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Cloud.Portal.Tests.Bulk;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Portal.Tests.Components;

/// <summary>The bulk tests' in-memory backend plus a change feed the test writes to, and a count of list reads.</summary>
internal sealed class LiveFakeBackend(FakeCluster cluster) : IPortalBackend
{
    private readonly FakePortalBackend _lists = new(cluster);
    private readonly Channel<PortalChange> _changes = Channel.CreateUnbounded<PortalChange>();
    private long _lastId;
    private int _listReads;
    private int _readers;

    public global::Orleans.IGrainFactory OrleansGrains => cluster.Orleans;

    /// <summary>Device list pages read so far.</summary>
    public int ListReads => Volatile.Read(ref _listReads);

    /// <summary>Change streams open now.</summary>
    public int Readers => Volatile.Read(ref _readers);

    /// <summary>The cursors device pages were asked for, in order.</summary>
    public List<string?> Cursors { get; } = [];

    /// <summary>While set, device and workload list reads throw it (the standalone portal with no silo answering).</summary>
    public Exception? Unreachable { get; set; }

    public event EventHandler? ClusterReachable;

    /// <summary>The cluster answers again: list reads work and <see cref="ClusterReachable"/> is raised.</summary>
    public void Reach()
    {
        Unreachable = null;
        ClusterReachable?.Invoke(this, EventArgs.Empty);
    }

    public void Publish(string kind, string key, string operation) =>
        _changes.Writer.TryWrite(new PortalChange(Interlocked.Increment(ref _lastId), kind, key, null, operation, 1, DateTimeOffset.UtcNow));

    public Task<PortalPage<Device>> ListDevicesAsync(DeviceFilter filter, PageRequest page, CancellationToken cancellationToken)
    {
        if (Unreachable is { } unreachable)
        {
            return Task.FromException<PortalPage<Device>>(unreachable);
        }

        Interlocked.Increment(ref _listReads);
        lock (Cursors)
        {
            Cursors.Add(page.Cursor);
        }

        return _lists.ListDevicesAsync(filter, page, cancellationToken);
    }

    public Task<PortalPage<EdgeNode>> ListNodesAsync(NodeFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(new PortalPage<EdgeNode>([], null, 0));

    public Task<PortalPage<DeviceModel>> ListModelsAsync(string? @namespace, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(new PortalPage<DeviceModel>(cluster.Models.Values.ToList(), null, cluster.Models.Count));

    public Task<PortalPage<Workload>> ListWorkloadsAsync(string? @namespace, PageRequest page, CancellationToken cancellationToken) =>
        Unreachable is { } unreachable ? Task.FromException<PortalPage<Workload>>(unreachable) : Task.FromResult(new PortalPage<Workload>(cluster.Workloads.Values.OrderBy(w => w.Key, StringComparer.Ordinal).ToList(), null, cluster.Workloads.Count));

    /// <summary>Lines the fake node answers with, per node; a node without an entry is offline.</summary>
    public Dictionary<string, IReadOnlyList<WorkloadLogEntry>> Logs { get; } = new(StringComparer.Ordinal);

    public Task<WorkloadLogTail> WorkloadLogsAsync(string @namespace, string name, string node, int tail, CancellationToken cancellationToken) =>
        Task.FromResult(Logs.TryGetValue(node, out var lines)
            ? new WorkloadLogTail(node, 200, lines.TakeLast(tail).ToArray(), null)
            : new WorkloadLogTail(node, 503, [], $"Node '{node}' is not connected."));

    public Task<PortalPage<ObjectSync>> ListObjectSyncsAsync(string node, bool? pending, PageRequest page, CancellationToken cancellationToken) =>
        Task.FromResult(new PortalPage<ObjectSync>([], null, 0));

    public Task<long> LatestChangeIdAsync(CancellationToken cancellationToken) => Task.FromResult(Interlocked.Read(ref _lastId));

    public Task<IReadOnlyList<PortalChange>> RecentChangesAsync(int count, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PortalChange>>([]);

    public async IAsyncEnumerable<PortalChange> ChangesAsync(long afterId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _readers);
        try
        {
            await foreach (var change in _changes.Reader.ReadAllAsync(cancellationToken))
            {
                yield return change;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _readers);
        }
    }

    public Task<IReadOnlyList<SiloSummary>> SilosAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<SiloSummary>>([]);
}
