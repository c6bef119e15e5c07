using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.Hosting;
using Orleans.TestingHost;

namespace EdgeHive.Cloud.Storage.Tests.Cluster;

/// <summary>An in-process Orleans cluster of two silos whose grain storage is EdgeHive's on a fresh PostgreSQL
/// database that no schema was created in.</summary>
public sealed class ZoneCluster : IAsyncLifetime
{
    public const string StorageName = "edgehive";

    public const string ServiceId = "zone-tests";

    public PostgresDatabase Database { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = new PostgresDatabase(await TestDatabases.CreatePostgresDatabaseAsync("gcluster"));
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
            silo.AddEdgeHiveGrainStorage(StorageName, o =>
            {
                o.Database = Database.Dialect;
                o.ServiceId = ServiceId;
            }));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}
