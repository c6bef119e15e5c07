using EdgeHive.Grains.Runtime.GrainDirectory;
using EdgeHive.Grains.Runtime.Membership;
using EdgeHive.Grains.Runtime.Reminders;

namespace EdgeHive.Grains.Runtime.Database;

/// <summary>The cluster stores of one cluster in a PostgreSQL database shared by all its silos.</summary>
internal static class PostgresClusterStores
{
    /// <summary>Creates the stores; each still needs its <c>InitializeAsync</c> before use.</summary>
    public static (IMembershipTable Membership, IGrainDirectoryStore Directory, IReminderTable Reminders) Create(
        PostgresDatabase database,
        string clusterId,
        TimeProvider time) =>
        (new SqlMembershipTable(database.Dialect, clusterId),
         new PostgresGrainDirectoryStore(database, clusterId, time),
         new PostgresReminderTable(database, clusterId));
}
