using EdgeHive.Grains.Runtime.Reminders;

namespace EdgeHive.Grains.Runtime.Tests.Stores;

public sealed class PostgresReminderTableTests : ReminderTableConformance
{
    private readonly PostgresTestBackend _backend = new();

    protected override Task InitializeBackendAsync() => _backend.InitializeAsync();

    protected override Task DisposeBackendAsync() => _backend.DisposeAsync().AsTask();

    protected override IReminderTable CreateTable(string clusterId) => new SqlReminderTable(_backend.NewDatabase().Dialect, clusterId);
}
