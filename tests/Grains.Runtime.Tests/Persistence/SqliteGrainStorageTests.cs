using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Persistence;
using EdgeHive.Grains.Runtime.Tests.Infrastructure;

namespace EdgeHive.Grains.Runtime.Tests.Persistence;

/// <summary>The storage rules on a SQLite temp file.</summary>
public sealed class SqliteGrainStorageTests : GrainStorageConformanceTests
{
    private SqliteDatabase? _database;

    protected override Task CreateDatabaseAsync()
    {
        // fullSync off: durability against power loss is not under test, and fsyncs would slow the paging tests.
        _database = new SqliteDatabase(TestDatabases.NewSqliteFile(), fullSync: false);
        return Task.CompletedTask;
    }

    protected override IGrainStateStore CreateStorage(string serviceId, TimeProvider timeProvider) =>
        new SqlGrainStateStore(_database!.Dialect, serviceId, timeProvider);
}
