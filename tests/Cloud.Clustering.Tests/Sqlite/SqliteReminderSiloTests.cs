using System.Net;
using EdgeHive.Cloud.Clustering.Tests.Infrastructure;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;

namespace EdgeHive.Cloud.Clustering.Tests.Sqlite;

/// <summary>The embedded default: one silo, localhost clustering, reminders in a SQLite file.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SqliteReminderSiloTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_reminder_fires_again_after_the_silo_restarts_on_the_same_file()
    {
        var path = TestDatabases.NewSqliteFile("silo.db");
        var grain = "sqlite-" + Guid.NewGuid().ToString("N");

        using (var first = Silo(path))
        {
            await first.StartAsync();
            await first.Grains().GetGrain<IReminderProbeGrain>(grain).Start("tick", TimeSpan.FromSeconds(1));
            await Eventually.TrueAsync(() => ReminderProbeGrain.Count(grain, "tick") >= 2, Deadline, "the reminder ticks");
            await first.StopAsync();
        }

        var before = ReminderProbeGrain.Count(grain, "tick");
        using var second = Silo(path);
        await second.StartAsync();

        await Eventually.TrueAsync(() => ReminderProbeGrain.Count(grain, "tick") >= before + 2, Deadline,
            "the reminder ticks again on a new silo over the same file");

        await second.Grains().GetGrain<IReminderProbeGrain>(grain).Stop("tick");
        await second.StopAsync();
    }

    private static IHost Silo(string path) => TestSilos.Build(silo =>
    {
        silo.UseLocalhostClustering(TestSilos.FreePort(), TestSilos.FreePort());
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = "embedded";
            o.ServiceId = TestSilos.ServiceId;
        });
        silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
        silo.UseEdgeHiveSqliteReminders(path);
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
    });
}
