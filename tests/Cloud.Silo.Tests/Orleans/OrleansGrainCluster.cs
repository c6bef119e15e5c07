using EdgeHive.Cloud.Silo.Hosting;
using EdgeHive.Cloud.Storage.Database;
using Orleans.TestingHost;

namespace EdgeHive.Cloud.Silo.Tests.Orleans;

/// <summary>
/// An in-process Orleans cluster of two silos (Orleans' TestingHost) configured like Cloud.Silo's Orleans silo
/// (<see cref="OrleansSiloHosting.ConfigureCloudGrains"/>): EdgeHive's grain storage on a fresh SQLite file as the
/// default storage, and the contracts' serializer. The fixture for grain tests of the families that run on Orleans.
/// </summary>
public sealed class OrleansGrainCluster : IAsyncLifetime
{
    public const string ClusterId = "grain-tests";

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public string SqlitePath { get; } = TestDatabases.NewSqliteFile();

    public global::Orleans.IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var database = new ClusterDatabaseSettings(false, SqlitePath, null, ClusterId);
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => OrleansSiloHosting.ConfigureCloudGrains(silo, database));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
