using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Cloud;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>Stored state of a workload grain. A deleted workload stays as a tombstone (null <see cref="Workload"/>) so
/// that resource versions keep growing if it is created again, and so that owed deletes survive. Indexed by
/// <c>namespace</c>, <c>name</c>, <c>placement</c> (<c>node</c> or <c>selector</c>), <c>node</c> (one entry per assigned
/// node) and <c>pushpending</c>.</summary>
internal sealed class WorkloadGrainState : IIndexedState
{
    /// <summary>The workload, or null when it does not exist (never created, or deleted).</summary>
    public Workload? Workload { get; set; }

    /// <summary>The last resource version used, kept across deletion.</summary>
    public long LastVersion { get; set; }

    /// <summary>The outbox sequence of the last status report taken from each node.</summary>
    public Dictionary<string, long> Sequences { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per node, the install generation the workload was last resynced for
    /// (<see cref="IWorkloadGrain.ResyncForNewInstall"/>), so a retried resync does not forget the new install's status.</summary>
    public Dictionary<string, long> Installs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Messages owed to nodes: written with the change they come from, removed once the node's session grain
    /// persisted them, so a crash in between resends instead of losing them.</summary>
    public List<OwedWorkloadMessage> Pending { get; set; } = [];

    /// <inheritdoc />
    public IEnumerable<IndexEntry> GetIndexEntries()
    {
        foreach (var node in Pending.Select(p => p.Node).Distinct(StringComparer.Ordinal))
        {
            yield return new IndexEntry("pushpending", node);
        }

        if (Workload is not { } workload)
        {
            yield break;
        }

        yield return new IndexEntry("namespace", workload.Namespace);
        yield return new IndexEntry("name", workload.Name);
        yield return new IndexEntry("placement", workload.Spec.Placement.NodeSelector is null ? "node" : "selector");
        foreach (var node in workload.Status.Nodes)
        {
            yield return new IndexEntry("node", node.Node);
        }
    }
}

/// <summary>A message a workload grain owes a node's session outbox.</summary>
/// <param name="Node">The node.</param>
/// <param name="Message">The message.</param>
internal sealed record OwedWorkloadMessage(string Node, DownstreamMessage Message);
