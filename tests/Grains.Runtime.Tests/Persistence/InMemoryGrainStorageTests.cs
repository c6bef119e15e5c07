using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;

namespace EdgeHive.Grains.Runtime.Tests.Persistence;

/// <summary>The storage rules on the in-memory store that unit tests of grains use.</summary>
public sealed class InMemoryGrainStorageTests : GrainStorageConformanceTests
{
    private readonly InMemoryGrainStateDatabase _database = new();

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override IGrainStateStore CreateStorage(string serviceId, TimeProvider timeProvider) =>
        new InMemoryGrainStorage(_database, serviceId, timeProvider);
}
