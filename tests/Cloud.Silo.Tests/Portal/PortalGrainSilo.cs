using EdgeHive.Cloud.Clustering;
using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Cloud.Silo.Observability;
using EdgeHive.Cloud.Silo.Portal;
using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Cloud.Silo.Tests.Grains;
using EdgeHive.Cloud.Silo.Tests.Orleans;
using EdgeHive.Cloud.Storage.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace EdgeHive.Cloud.Silo.Tests.Portal;

/// <summary>A cloud silo with the portal grains' services and an Orleans cluster client on the silo's gateway: calls
/// from the client cross the wire, so every argument and result goes through the contracts' serializer, and observers
/// are real client objects.</summary>
internal sealed class PortalGrainSilo : IAsyncDisposable
{
    private readonly OrleansSides _silo;
    private readonly IHost _client;

    private PortalGrainSilo(DatabaseChangeFeed feed, IHost client, OrleansSides silo)
    {
        _silo = silo;
        _client = client;
        Feed = feed;
    }

    public DatabaseChangeFeed Feed { get; }

    /// <summary>The cluster client's grain factory.</summary>
    public global::Orleans.IGrainFactory Client => _client.Services.GetRequiredService<global::Orleans.IClusterClient>();

    /// <summary>The silo's grain factory (calls from inside the silo).</summary>
    public global::Orleans.IGrainFactory Grains => _silo.Grains;

    /// <summary>The silo's address.</summary>
    public SiloAddress Address => _silo.Services(0).GetRequiredService<ILocalSiloDetails>().SiloAddress;

    /// <summary>Starts the silo (<paramref name="configure"/> may change its services) and connects the client.</summary>
    public static async Task<PortalGrainSilo> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var path = TestDatabases.NewSqliteFile();
        var feed = CloudSilo.NewFeed(new SqlChangeStore(new SqliteDatabase(path).Dialect));
        var silo = new OrleansSides(new ClusterDatabaseSettings(false, path, null, "edgehive"), services =>
        {
            services.AddSingleton(_ => new GrainListQueries(CloudSilo.Store(new SqliteDatabase(path).Dialect)));
            services.AddSingleton<ClusterView>();
            services.AddSingleton(sp =>
            {
                var queries = sp.GetRequiredService<GrainListQueries>();
                return new PortalQueries(queries, queries, queries, queries, queries, feed, sp.GetRequiredService<ClusterView>());
            });
            configure?.Invoke(services);
        });
        await silo.StartAsync(feed, new CloudGrainOptions());

        var gateway = silo.Services(0).GetRequiredService<ILocalSiloDetails>().GatewayAddress.Endpoint;
        var client = new HostBuilder()
            .UseOrleansClient(c =>
            {
                c.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("edgehive", "edgehive"));
                c.UseStaticClustering(gateway);
                c.Services.AddEdgeHiveContractSerializer();
            })
            .Build();
        await client.StartAsync();
        return new PortalGrainSilo(feed, client, silo);
    }

    /// <summary>Disconnects the cluster client (also done by <see cref="DisposeAsync"/>).</summary>
    public Task StopClientAsync() => _client.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
        await _silo.DisposeAsync();
        await Feed.DisposeAsync();
    }
}
