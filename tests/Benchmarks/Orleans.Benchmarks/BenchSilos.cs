using System.Net;
using System.Net.Sockets;
using EdgeHive.Cloud.Clustering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace EdgeHive.Orleans.Benchmarks;

/// <summary>How the benchmark's silos are built: in-process on localhost clustering, or as processes on PostgreSQL.</summary>
internal static class BenchSilos
{
    /// <summary>
    /// Failure detection tightened for fast failover (docs/benchmarks.md says what it buys and risks): a probe times
    /// out after 1 s instead of 5 s, two missed probes instead of three make a suspicion, and the table is re-read
    /// every 2 s instead of 60 s. Two votes are still needed: with one, a silo starting on a loaded 2-core machine was
    /// declared dead by a peer that could not reach it in time.
    /// </summary>
    public static void Tune(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
    }

    /// <summary>An in-process silo with Orleans' defaults: development clustering, in-memory grain directory.</summary>
    public static async Task<IHost> StartLocalAsync(int siloPort, int gatewayPort, IPEndPoint primary)
    {
        var host = Build(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, primary);
            silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
        });
        await host.StartAsync();
        return host;
    }

    /// <summary>A silo on PostgreSQL with EdgeHive's clustering (a failover-benchmark process).</summary>
    public static IHost BuildPostgres(string connectionString, string clusterId, int siloPort, int gatewayPort, bool tuned) =>
        Build(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = "edgehive-bench";
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.UseEdgeHivePostgresClustering(connectionString);
            if (tuned)
            {
                silo.Configure<ClusterMembershipOptions>(Tune);
            }

            silo.Services.AddSingleton(new BenchDatabase(connectionString));
        });

    public static IHost Build(Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Error);
        builder.UseOrleans(configure);
        return builder.Build();
    }

    public static IGrainFactory Grains(this IHost host) => host.Services.GetRequiredService<IGrainFactory>();

    public static SiloAddress Address(this IHost silo) => silo.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > deadline)
            {
                throw new TimeoutException(what);
            }

            await Task.Delay(20);
        }
    }
}
