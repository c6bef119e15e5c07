using EdgeHive.Grains.Runtime.GrainDirectory;
using EdgeHive.Grains.Runtime.Membership;
using EdgeHive.Grains.Runtime.Reminders;

using EdgeHive.Cloud.Storage.Database;

namespace EdgeHive.Grains.Runtime.Database;

/// <summary>The cluster stores of one cluster in a SQL database: a SQLite file (a single silo, or tests) or a
/// PostgreSQL database shared by all its silos.</summary>
internal static class SqlClusterStores
{
    /// <summary>Creates the stores on the database of <paramref name="dialect"/>; each still needs its
    /// <c>InitializeAsync</c> before use.</summary>
    public static (IMembershipTable Membership, IGrainDirectoryStore Directory, IReminderTable Reminders) Create(
        SqlDialect dialect,
        string clusterId,
        TimeProvider time) =>
        (new SqlMembershipTable(dialect, clusterId), new SqlGrainDirectoryStore(dialect, clusterId, time), new SqlReminderTable(dialect, clusterId));
}
