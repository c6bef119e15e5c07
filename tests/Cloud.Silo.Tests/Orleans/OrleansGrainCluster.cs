using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Cloud.Silo.Hosting;
using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Cloud.Silo.Tests.Grains;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.GrainState;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.TestingHost;

namespace EdgeHive.Cloud.Silo.Tests.Orleans;

/// <summary>
/// An in-process Orleans cluster of two silos (Orleans' TestingHost) configured like Cloud.Silo's Orleans silo
/// (<see cref="OrleansSiloHosting.ConfigureCloudGrains"/>): EdgeHive's grain storage on a fresh SQLite file as the
/// default storage, the contracts' serializer and the grains' services (change feed on the same file). The fixture
/// for grain tests of the families that run on Orleans.
/// </summary>
public sealed class OrleansGrainCluster : IAsyncLifetime
{
    public const string ClusterId = "grain-tests";

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public string SqlitePath { get; } = TestDatabases.NewSqliteFile();

    public global::Orleans.IGrainFactory Grains => Cluster.Client;

    internal DatabaseChangeFeed Feed { get; private set; } = null!;

    /// <summary>The read model over the cluster's rows, as REST lists read it.</summary>
    internal GrainListQueries Queries { get; private set; } = null!;

    /// <summary>The nodes the workload grains of both silos see: labels set by the tests, pushes recorded.</summary>
    internal TestWorkloadNodes WorkloadNodes { get; } = new();

    public async Task InitializeAsync()
    {
        var database = new ClusterDatabaseSettings(false, SqlitePath, null, ClusterId);
        var dialect = new SqliteDatabase(SqlitePath).Dialect;
        Feed = CloudSilo.NewFeed(new SqlChangeStore(dialect));
        Queries = new GrainListQueries(GrainStateStoreFactory.Create(dialect, ClusterId, TimeProvider.System));
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            OrleansSiloHosting.ConfigureCloudGrains(silo, database);
            silo.Services.AddSingleton<IChangeFeed>(Feed);
            silo.Services.TryAddSingleton(TimeProvider.System);
            silo.Services.AddCloudGrainServices(new CloudGrainOptions());
            silo.Services.AddSingleton<IWorkloadNodes>(WorkloadNodes);
        });
        builder.ConfigureClient(client => client.Services.AddContractSerializer());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Feed.DisposeAsync();
    }
}
