using EdgeHive.Grains.Runtime.GrainDirectory;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

public sealed class SqliteGrainDirectoryStoreTests : GrainDirectoryStoreConformance
{
    private readonly SqliteTestBackend _backend = new();

    protected override IGrainDirectoryStore CreateStore(string clusterId) => new SqlGrainDirectoryStore(_backend.NewDatabase().Dialect, clusterId, TimeProvider.System);
}
