using System.Text.Json;
using EdgeHive.Grains.Cloud;
using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>Stored state of an edge-node grain. A deleted node stays as a tombstone (null <see cref="Node"/>) so its
/// resource versions keep growing if it registers again. Indexed by <c>name</c>, <c>status</c> (the last evaluated
/// status, kept current by the grain's liveness timer) and <c>label</c> (<c>k=v</c>, one per label).</summary>
internal sealed class EdgeNodeGrainState : IIndexedState
{
    /// <summary>The node, or null when it does not exist.</summary>
    public EdgeNode? Node { get; set; }

    /// <summary>The last resource version used, kept across deletion.</summary>
    public long LastVersion { get; set; }

    /// <summary>The node's install generation: 0 for the first install, +1 for every re-install (a join of an existing
    /// node).</summary>
    public long Install { get; set; }

    /// <summary>The last install generation everything was resent to; behind <see cref="Install"/> while a resync is due.</summary>
    public long ResyncedInstall { get; set; }

    /// <inheritdoc />
    public IEnumerable<IndexEntry> GetIndexEntries()
    {
        if (Node is not { } node)
        {
            yield break;
        }

        yield return new IndexEntry("name", node.Name);
        yield return new IndexEntry("status", StatusName(node.Status));
        foreach (var (key, value) in node.Labels)
        {
            yield return new IndexEntry("label", key + "=" + value);
        }
    }

    /// <summary>The JSON name of a status, as stored in the index.</summary>
    public static string StatusName(NodeStatus status) => JsonSerializer.Serialize(status).Trim('"').ToLowerInvariant();
}
