using EdgeHive.Cloud.Storage.Database;

namespace EdgeHive.Cloud.Storage.SystemRecords;

/// <summary>Creates <see cref="ISystemRecordStore"/>s for silos and for the standalone portal.</summary>
public static class SystemRecordStoreFactory
{
    /// <summary>The system records on the database of <paramref name="dialect"/>, scoped by
    /// <paramref name="serviceId"/>. Call <c>InitializeAsync</c> once before use.</summary>
    public static ISystemRecordStore Create(SqlDialect dialect, string serviceId, TimeProvider timeProvider) =>
        new SqlSystemRecordStore(dialect, serviceId, timeProvider);
}
