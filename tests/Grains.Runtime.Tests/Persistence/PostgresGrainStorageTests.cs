using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;
using EdgeHive.Grains.Runtime.Tests.Infrastructure;

namespace EdgeHive.Grains.Runtime.Tests.Persistence;

/// <summary>The storage rules on a fresh database of the real PostgreSQL server started by ./test.sh.</summary>
public sealed class PostgresGrainStorageTests : GrainStorageConformanceTests
{
    private PostgresDatabase? _database;

    protected override async Task CreateDatabaseAsync() =>
        _database = new PostgresDatabase(await TestDatabases.CreatePostgresDatabaseAsync("storage"));

    protected override IGrainStateStore CreateStorage(string serviceId, TimeProvider timeProvider) =>
        new SqlGrainStateStore(_database!.Dialect, serviceId, timeProvider);

    protected override async Task DisposeDatabaseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
