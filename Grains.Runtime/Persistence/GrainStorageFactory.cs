using EdgeHive.Grains.Runtime.Database;

namespace EdgeHive.Grains.Runtime.Persistence;

/// <summary>Grain storage on a cluster database for processes that are not silos (the standalone portal keeps its
/// users in the grain-state table), with the same tables and cluster scoping the silos use.</summary>
public static class GrainStorageFactory
{
    /// <summary>Storage in the SQLite file of a single-silo cluster.</summary>
    /// <param name="path">The silo's database file.</param>
    /// <param name="clusterId">The cluster id (rows are scoped by it).</param>
    /// <param name="timeProvider">Clock for row timestamps.</param>
    public static IGrainStorage Sqlite(string path, string clusterId, TimeProvider timeProvider) =>
        new SqlGrainStorage(new SqliteDatabase(path).Dialect, clusterId, timeProvider);

    /// <summary>Storage in a PostgreSQL cluster database.</summary>
    /// <param name="database">The database (the caller owns and disposes it).</param>
    /// <param name="clusterId">The cluster id (rows are scoped by it).</param>
    /// <param name="timeProvider">Clock for row timestamps.</param>
    public static IGrainStorage Postgres(PostgresDatabase database, string clusterId, TimeProvider timeProvider) =>
        new SqlGrainStorage(database.Dialect, clusterId, timeProvider);
}
