using EdgeHive.Grains.Runtime.GrainDirectory;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

public sealed class SqliteGrainDirectoryStoreTests : GrainDirectoryStoreConformance
{
    private readonly SqliteTestBackend _backend = new();

    protected override IGrainDirectoryStore CreateStore(string clusterId) => new SqliteGrainDirectoryStore(_backend.NewDatabase(), clusterId, TimeProvider.System);
}
