using EdgeHive.Grains.Runtime.GrainDirectory;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

public sealed class InMemoryGrainDirectoryStoreTests : GrainDirectoryStoreConformance
{
    // One instance per cluster id stands for "the same database".
    private readonly Dictionary<string, InMemoryGrainDirectoryStore> _clusters = [];

    protected override IGrainDirectoryStore CreateStore(string clusterId)
    {
        lock (_clusters)
        {
            if (!_clusters.TryGetValue(clusterId, out var store))
            {
                store = new InMemoryGrainDirectoryStore();
                _clusters.Add(clusterId, store);
            }

            return store;
        }
    }
}
