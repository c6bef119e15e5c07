using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Hosting;
using EdgeHive.Cloud.Silo.Portal;
using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Cloud.Silo.Tests.Grains;
using EdgeHive.Cloud.Silo.Tests.Orleans;
using EdgeHive.Grains.Runtime.Client;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Grains.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RuntimeSilo = EdgeHive.Grains.Runtime.Hosting.Silo;

namespace EdgeHive.Cloud.Silo.Tests.Portal;

/// <summary>A cloud silo with the portal grains' services, and a cluster client on its gateway: calls from the client
/// cross the wire, so every argument and result goes through the JSON message codec.</summary>
internal sealed class PortalGrainSilo : IAsyncDisposable
{
    private readonly OrleansSides _orleans;

    private PortalGrainSilo(RuntimeSilo silo, DatabaseChangeFeed feed, ClusterClient client, OrleansSides orleans)
    {
        _orleans = orleans;
        Silo = silo;
        Feed = feed;
        Client = client;
    }

    public RuntimeSilo Silo { get; }

    public DatabaseChangeFeed Feed { get; }

    public ClusterClient Client { get; }

    /// <summary>Grains of the families that moved to Orleans (issue 9).</summary>
    public global::Orleans.IGrainFactory OrleansGrains => _orleans.Grains;

    public static async Task<PortalGrainSilo> StartAsync()
    {
        var path = TestDatabases.NewSqliteFile();
        var feed = CloudSilo.NewFeed(new SqlChangeStore(new SqliteDatabase(path).Dialect));
        RuntimeSilo? silo = null;
        var builder = new SiloBuilder().UseSqlite(path).AddCloudGrains();
        var orleans = new OrleansSides(new ClusterDatabaseSettings(false, path, null, "edgehive"));
        CloudSilo.Configure(builder, feed, null, orleans);
        builder.ConfigureServices(services => services.AddSingleton(_ =>
        {
            var queries = new GrainListQueries(silo!.Storage);
            return new PortalQueries(queries, queries, queries, queries, feed, silo);
        }));
        silo = builder.Build();
        await silo.StartAsync(CancellationToken.None);
        var options = new ClusterClientOptions();
        options.Gateways.Add($"127.0.0.1:{silo.GatewayPort}");
        var client = await ClusterClient.ConnectAsync(options, CancellationToken.None);
        return new PortalGrainSilo(silo, feed, client, orleans);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Silo.DisposeAsync();
        await _orleans.DisposeAsync();
        await Feed.DisposeAsync();
    }
}
