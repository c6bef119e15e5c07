using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Grains.Runtime.Tests.Infrastructure;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

/// <summary>One SQLite file per test; every store gets its own <see cref="SqliteDatabase"/> on it, as separate
/// components (or processes) of a silo would.</summary>
internal sealed class SqliteTestBackend
{
    private readonly string _path = TestDatabases.NewSqliteFile();

    public SqliteDatabase NewDatabase() => new(_path, fullSync: false);
}
