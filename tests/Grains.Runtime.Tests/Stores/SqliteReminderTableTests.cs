using EdgeHive.Grains.Runtime.Reminders;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

public sealed class SqliteReminderTableTests : ReminderTableConformance
{
    private readonly SqliteTestBackend _backend = new();

    protected override IReminderTable CreateTable(string clusterId) => new SqlReminderTable(_backend.NewDatabase().Dialect, clusterId);
}
