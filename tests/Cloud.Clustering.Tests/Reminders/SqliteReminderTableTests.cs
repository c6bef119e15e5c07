using EdgeHive.Cloud.Clustering.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;

namespace EdgeHive.Cloud.Clustering.Tests.Reminders;

public sealed class SqliteReminderTableTests : ReminderTableConformance
{
    private readonly string _path = TestDatabases.NewSqliteFile("reminders.db");

    protected override async Task<IReminderTable> CreateTableAsync(string serviceId)
    {
        var table = new SqliteReminderTable(_path, Options.Create(new ClusterOptions { ServiceId = serviceId }), NullLogger<SqliteReminderTable>.Instance);
        await table.StartAsync();
        return table;
    }
}
