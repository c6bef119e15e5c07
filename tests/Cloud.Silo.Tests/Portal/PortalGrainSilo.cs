using EdgeHive.Cloud.Clustering;
using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Hosting;
using EdgeHive.Cloud.Silo.Observability;
using EdgeHive.Cloud.Silo.Portal;
using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Cloud.Silo.Tests.Grains;
using EdgeHive.Cloud.Silo.Tests.Orleans;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Grains.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;
using RuntimeSilo = EdgeHive.Grains.Runtime.Hosting.Silo;

namespace EdgeHive.Cloud.Silo.Tests.Portal;

/// <summary>A cloud silo (home runtime for the families still there, its Orleans side with the portal grains'
/// services) and an Orleans cluster client on the Orleans side's gateway: calls from the client cross the wire, so
/// every argument and result goes through the contracts' serializer, and observers are real client objects.</summary>
internal sealed class PortalGrainSilo : IAsyncDisposable
{
    private readonly OrleansSides _orleans;
    private readonly IHost _client;

    private PortalGrainSilo(RuntimeSilo silo, DatabaseChangeFeed feed, IHost client, OrleansSides orleans)
    {
        _orleans = orleans;
        _client = client;
        Silo = silo;
        Feed = feed;
    }

    public RuntimeSilo Silo { get; }

    public DatabaseChangeFeed Feed { get; }

    /// <summary>The cluster client's grain factory.</summary>
    public global::Orleans.IGrainFactory Client => _client.Services.GetRequiredService<global::Orleans.IClusterClient>();

    /// <summary>Grains of the families that moved to Orleans (issue 9), from inside the silo.</summary>
    public global::Orleans.IGrainFactory OrleansGrains => _orleans.Grains;

    /// <summary>The Orleans side's address.</summary>
    public SiloAddress OrleansAddress => _orleans.Services(0).GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public static async Task<PortalGrainSilo> StartAsync()
    {
        var path = TestDatabases.NewSqliteFile();
        var feed = CloudSilo.NewFeed(new SqlChangeStore(new SqliteDatabase(path).Dialect));
        var orleans = new OrleansSides(new ClusterDatabaseSettings(false, path, null, "edgehive"), services =>
        {
            services.AddSingleton(_ => new GrainListQueries(GrainStateStoreFactory.Create(new SqliteDatabase(path).Dialect, "edgehive", TimeProvider.System)));
            services.AddSingleton<ClusterView>();
            services.AddSingleton(sp =>
            {
                var queries = sp.GetRequiredService<GrainListQueries>();
                return new PortalQueries(queries, queries, queries, queries, queries, feed, sp.GetRequiredService<ClusterView>());
            });
        });
        var builder = new SiloBuilder().UseSqlite(path).AddCloudGrains();
        CloudSilo.Configure(builder, feed, null, orleans);
        var silo = builder.Build();
        await silo.StartAsync(CancellationToken.None);

        var gateway = orleans.Services(0).GetRequiredService<ILocalSiloDetails>().GatewayAddress.Endpoint;
        var client = new HostBuilder()
            .UseOrleansClient(c =>
            {
                c.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = ("edgehive", "edgehive"));
                c.UseStaticClustering(gateway);
                c.Services.AddEdgeHiveContractSerializer();
            })
            .Build();
        await client.StartAsync();
        return new PortalGrainSilo(silo, feed, client, orleans);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.StopAsync();
        _client.Dispose();
        await Silo.DisposeAsync();
        await _orleans.DisposeAsync();
        await Feed.DisposeAsync();
    }
}
