using EdgeHive.Cloud.Silo.Domain;
using EdgeHive.Grains.Cloud;
using EdgeHive.Cloud.Storage.GrainState;

namespace EdgeHive.Cloud.Silo.Grains;

/// <summary>Stored state of an object-sync grain. Indexed by <c>node</c>, <c>kind</c> and <c>pending</c>
/// (<c>true</c>/<c>false</c>).</summary>
internal sealed class ObjectSyncGrainState : IIndexedState
{
    /// <summary>The bookkeeping, or null when nothing was ever sent.</summary>
    public ObjectSync? Sync { get; set; }

    /// <inheritdoc />
    public IEnumerable<IndexEntry> GetIndexEntries()
    {
        if (Sync is not { } sync)
        {
            yield break;
        }

        yield return new IndexEntry("node", sync.NodeName);
        yield return new IndexEntry("kind", ObjectSyncKey.KindName(sync.Kind));
        yield return new IndexEntry("pending", sync.Pending ? "true" : "false");
    }
}
