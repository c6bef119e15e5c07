using EdgeHive.Grains.Runtime.GrainDirectory;
using EdgeHive.Grains.Runtime.Membership;
using EdgeHive.Grains.Runtime.Reminders;

namespace EdgeHive.Grains.Runtime.Database;

/// <summary>The cluster stores of one cluster in a SQL database: a SQLite file (a single silo, or tests) or a
/// PostgreSQL database shared by all its silos. Only the grain directory has an implementation per engine.</summary>
internal static class SqlClusterStores
{
    /// <summary>Creates the stores on a SQLite file; each still needs its <c>InitializeAsync</c> before use.</summary>
    public static (IMembershipTable Membership, IGrainDirectoryStore Directory, IReminderTable Reminders) Create(
        SqliteDatabase database,
        string clusterId,
        TimeProvider time) =>
        Create(database.Dialect, new SqliteGrainDirectoryStore(database, clusterId, time), clusterId);

    /// <summary>Creates the stores on PostgreSQL; each still needs its <c>InitializeAsync</c> before use.</summary>
    public static (IMembershipTable Membership, IGrainDirectoryStore Directory, IReminderTable Reminders) Create(
        PostgresDatabase database,
        string clusterId,
        TimeProvider time) =>
        Create(database.Dialect, new PostgresGrainDirectoryStore(database, clusterId, time), clusterId);

    private static (IMembershipTable Membership, IGrainDirectoryStore Directory, IReminderTable Reminders) Create(
        SqlDialect dialect,
        IGrainDirectoryStore directory,
        string clusterId) =>
        (new SqlMembershipTable(dialect, clusterId), directory, new SqlReminderTable(dialect, clusterId));
}
