using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Cloud.Silo.Hosting;
using EdgeHive.Cloud.Storage.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.Hosting;

namespace EdgeHive.Cloud.Silo.Tests.Orleans;

/// <summary>
/// The Orleans silos of the grain tests that start silos themselves (<see cref="Grains.CloudSilo"/>, the PostgreSQL
/// cluster tests): each configured as Cloud.Silo configures its own (<see cref="OrleansSiloHosting.AddEdgeHiveOrleansSilo"/>)
/// on the same database, so on PostgreSQL they form one Orleans cluster, and each may be stopped on its own.
/// </summary>
internal sealed class OrleansSides(ClusterDatabaseSettings database, Action<IServiceCollection>? configure = null) : IAsyncDisposable
{
    private readonly List<IHost> _hosts = [];

    private readonly HashSet<IHost> _stopped = [];

    /// <summary>The grain factory of the first side started that still runs.</summary>
    public global::Orleans.IGrainFactory Grains
    {
        get
        {
            lock (_hosts)
            {
                return Factory(_hosts.First(h => !_stopped.Contains(h)));
            }
        }
    }

    /// <summary>The grain factory of the side started <paramref name="index"/>-th (0: the first).</summary>
    public global::Orleans.IGrainFactory Side(int index)
    {
        lock (_hosts)
        {
            return Factory(_hosts[index]);
        }
    }

    /// <summary>The services of the side started <paramref name="index"/>-th (0: the first).</summary>
    public IServiceProvider Services(int index)
    {
        lock (_hosts)
        {
            return _hosts[index].Services;
        }
    }

    /// <summary>Stops the side started <paramref name="index"/>-th (0: the first): its activations are gone, what they
    /// stored stays.</summary>
    public async Task StopAsync(int index)
    {
        IHost host;
        lock (_hosts)
        {
            host = _hosts[index];
            _stopped.Add(host);
        }

        await host.StopAsync();
    }

    /// <summary>Starts one more Orleans silo publishing to <paramref name="feed"/>, and returns its grain factory.</summary>
    public async Task<global::Orleans.IGrainFactory> StartAsync(IChangeFeed feed, CloudGrainOptions options)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(feed);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddCloudGrainServices(options);
        if (database.UsePostgres)
        {
            builder.Services.AddSingleton(_ => new PostgresDatabase(database.PostgresConnectionString!));
        }

        configure?.Invoke(builder.Services);
        builder.Services.AddEdgeHiveOrleansSilo(new CloudSiloSettings(database, 0, 0, "127.0.0.1"));

        // Orleans refuses reminder periods under a minute by default; the liveness tests run with a dead-after of a
        // second, whose reminder period (twice that) the grain takes only if the minimum allows it.
        builder.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        var host = builder.Build();
        await host.StartAsync();
        lock (_hosts)
        {
            _hosts.Add(host);
        }

        return Factory(host);
    }

    public async ValueTask DisposeAsync()
    {
        IHost[] hosts;
        lock (_hosts)
        {
            hosts = [.. _hosts];
            _hosts.Clear();
        }

        foreach (var host in hosts)
        {
            if (!_stopped.Contains(host))
            {
                await host.StopAsync();
            }

            host.Dispose();
        }
    }

    private static global::Orleans.IGrainFactory Factory(IHost host) => host.Services.GetRequiredService<global::Orleans.IGrainFactory>();
}
