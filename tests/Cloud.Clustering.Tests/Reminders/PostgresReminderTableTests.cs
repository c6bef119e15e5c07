using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;

namespace EdgeHive.Cloud.Clustering.Tests.Reminders;

/// <summary>Orleans' own AdoNet reminder table, on PostgreSQL with EdgeHive's schema script.</summary>
public sealed class PostgresReminderTableTests : ReminderTableConformance
{
    private string? _connectionString;

    protected override async Task<IReminderTable> CreateTableAsync(string serviceId)
    {
        if (_connectionString is null)
        {
            _connectionString = await TestDatabases.CreatePostgresDatabaseAsync("reminders");
            await OrleansPostgresSchema.EnsureCreatedAsync(_connectionString);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ClusterOptions>(o => o.ServiceId = serviceId);
        services.UseAdoNetReminderService(o => o.Configure(x =>
        {
            x.Invariant = OrleansPostgresSchema.Invariant;
            x.ConnectionString = _connectionString;
        }));
        var table = services.BuildServiceProvider().GetRequiredService<IReminderTable>();
        await table.StartAsync();
        return table;
    }
}
