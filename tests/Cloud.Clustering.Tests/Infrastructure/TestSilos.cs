using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Clustering.Tests.Infrastructure;

/// <summary>Silo and client configuration the tests share (in-process silos and silo processes alike).</summary>
public static class TestSilos
{
    public const string ServiceId = "edgehive-tests";

    /// <summary>A silo on loopback clustered on PostgreSQL. Failure detection is tightened so a killed silo is declared
    /// dead within seconds, but less than the benchmark's "tuned" values, so a loaded CI machine does not declare a
    /// live silo dead; reminders may tick every second.</summary>
    public static void ConfigurePostgres(ISiloBuilder silo, string connectionString, string clusterId, int siloPort, int gatewayPort)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = clusterId;
            o.ServiceId = ServiceId;
        });
        silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
        silo.UseEdgeHivePostgresClustering(connectionString);
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 2;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        });
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
    }

    public static IHost BuildPostgresSilo(string connectionString, string clusterId, int siloPort, int gatewayPort) =>
        Build(silo => ConfigurePostgres(silo, connectionString, clusterId, siloPort, gatewayPort));

    public static IHost Build(Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(configure);
        return builder.Build();
    }

    public static async Task<IHost> StartClientAsync(string connectionString, string clusterId)
    {
        var host = BuildClient(connectionString, clusterId);
        await host.StartAsync();
        return host;
    }

    /// <summary>A cluster client on the cluster's database; it keeps trying to connect while no gateway is listed.</summary>
    public static IHost BuildClient(string connectionString, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = ServiceId;
            });
            client.UseEdgeHivePostgresClustering(connectionString);
            // Re-read the gateway list every 2 s (Orleans: 1 min), so a client that started first finds the first silo soon.
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(2));
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(200, cancellationToken);
                return true;
            });
        });
        return builder.Build();
    }

    public static int FreePort() => EdgeHive.Testing.TestPorts.Free();

    public static string NewClusterId() => "c-" + Guid.NewGuid().ToString("N")[..10];

    public static IGrainFactory Grains(this IHost host) => host.Services.GetRequiredService<IGrainFactory>();

    public static SiloAddress Address(this IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>The cluster as a silo sees it (through the management grain, which reads its membership view).</summary>
    public static async Task<Dictionary<SiloAddress, SiloStatus>> HostsAsync(this IHost silo, bool onlyActive) =>
        await silo.Grains().GetGrain<IManagementGrain>(0).GetHosts(onlyActive);
}
