using EdgeHive.Grains.Runtime.GrainDirectory;
using EdgeHive.Grains.Runtime.Membership;
using EdgeHive.Grains.Runtime.Reminders;

namespace EdgeHive.Grains.Runtime.Database;

/// <summary>The cluster stores of one cluster in a SQLite file (a single silo, or tests).</summary>
internal static class SqliteClusterStores
{
    /// <summary>Creates the stores; each still needs its <c>InitializeAsync</c> before use.</summary>
    public static (IMembershipTable Membership, IGrainDirectoryStore Directory, IReminderTable Reminders) Create(
        SqliteDatabase database,
        string clusterId,
        TimeProvider time) =>
        (new SqlMembershipTable(database.Dialect, clusterId),
         new SqliteGrainDirectoryStore(database, clusterId, time),
         new SqliteReminderTable(database, clusterId));
}
