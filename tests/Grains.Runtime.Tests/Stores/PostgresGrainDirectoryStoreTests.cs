using EdgeHive.Grains.Runtime.GrainDirectory;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

public sealed class PostgresGrainDirectoryStoreTests : GrainDirectoryStoreConformance
{
    private readonly PostgresTestBackend _backend = new();

    protected override Task InitializeBackendAsync() => _backend.InitializeAsync();

    protected override Task DisposeBackendAsync() => _backend.DisposeAsync().AsTask();

    protected override IGrainDirectoryStore CreateStore(string clusterId) => new SqlGrainDirectoryStore(_backend.NewDatabase().Dialect, clusterId, TimeProvider.System);
}
