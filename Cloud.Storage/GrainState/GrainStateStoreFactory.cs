using EdgeHive.Cloud.Storage.Database;

namespace EdgeHive.Cloud.Storage.GrainState;

/// <summary>Grain storage on a cluster database for processes that are not silos (the standalone portal keeps its
/// users in the grain-state table), with the same tables and cluster scoping the silos use.</summary>
public static class GrainStateStoreFactory
{
    /// <summary>Storage on the database of <paramref name="dialect"/> (<see cref="SqliteDatabase.Dialect"/> for the file
    /// of a single-silo cluster, <see cref="PostgresDatabase.Dialect"/> for a cluster database the caller owns).</summary>
    /// <param name="dialect">The database.</param>
    /// <param name="clusterId">The cluster id (rows are scoped by it).</param>
    /// <param name="timeProvider">Clock for row timestamps.</param>
    /// <param name="fence">A condition every write must meet (see <see cref="WriteFence"/>); null for none.</param>
    public static IGrainStateStore Create(SqlDialect dialect, string clusterId, TimeProvider timeProvider, WriteFence? fence = null) =>
        new SqlGrainStateStore(dialect, clusterId, timeProvider, fence: fence);
}
