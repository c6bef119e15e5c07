using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Cloud.Silo.Observability;
using EdgeHive.Cloud.Silo.Portal;
using EdgeHive.Cloud.Silo.Queries;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.GrainState;
using EdgeHive.Cloud.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Silo.Hosting;

/// <summary>Wires a cloud silo into an ASP.NET Core host.</summary>
public static class CloudSiloServiceCollectionExtensions
{
    /// <summary>File name of a single silo's SQLite database inside <c>Storage:DataDir</c>.</summary>
    public const string SqliteFileName = ClusterDatabaseSettings.SqliteFileName;

    /// <summary>
    /// Adds the Orleans silo (<see cref="OrleansSiloHosting"/>: joins the cluster on start, leaves it on SIGTERM), every
    /// cloud grain, the change feed
    /// (<see cref="IChangeFeed"/>) and the list services (<see cref="IDeviceQueries"/>, <see cref="INodeQueries"/>,
    /// <see cref="IDeviceModelQueries"/>, <see cref="IObjectSyncQueries"/>). Configuration:
    /// <c>Cluster:Provider</c> (<c>Sqlite</c>, default, or <c>Postgres</c>), <c>Storage:DataDir</c> (default
    /// <c>./.data</c>), <c>ConnectionStrings:Postgres</c>, <c>Cluster:ClusterId</c> (default <c>edgehive</c>),
    /// <c>Cluster:SiloPort</c> (11111), <c>Cluster:GatewayPort</c> (30000), <c>Cluster:AdvertisedHost</c>
    /// (127.0.0.1), <c>Edge:DeadAfter</c> (00:00:30), section <c>Twin</c> and section <c>ChangeFeed</c>. Port 0 picks a
    /// free port. Failure detection follows <c>Cluster:ProbeTimeout</c>, <c>Cluster:NumMissedProbesLimit</c> and
    /// <c>Cluster:TableRefreshTimeout</c> (<see cref="MembershipTiming"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The configuration names an unknown provider, or Postgres without a
    /// connection string.</exception>
    public static IServiceCollection AddEdgeHiveCloud(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = CloudSiloSettings.Read(configuration);
        var database = settings.Database;

        var grainOptions = new CloudGrainOptions();
        configuration.GetSection("Edge").Bind(grainOptions);
        configuration.GetSection("Twin").Bind(grainOptions.Twin);
        var feedOptions = new ChangeFeedOptions();
        configuration.GetSection("ChangeFeed").Bind(feedOptions);
        feedOptions.Validate();

        services.AddSingleton(feedOptions);
        if (database.UsePostgres)
        {
            services.AddSingleton(_ => new PostgresDatabase(database.PostgresConnectionString!));
            services.AddSingleton<IChangeStore>(sp => new SqlChangeStore(sp.GetRequiredService<PostgresDatabase>().Dialect));
        }
        else
        {
            services.AddSingleton<IChangeStore>(_ => new SqlChangeStore(new SqliteDatabase(database.SqlitePath).Dialect));
        }

        // Tokens, credentials, portal users and the sign-in key ring: tables of their own, created before the
        // bootstraps (registered later) read them.
        services.AddEdgeHiveSystemRecords(
            sp => database.UsePostgres ? sp.GetRequiredService<PostgresDatabase>().Dialect : new SqliteDatabase(database.SqlitePath).Dialect,
            database.ClusterId);

        // One registration only: a second (forwarding) registration would make the container dispose the feed twice.
        services.AddSingleton<IChangeFeed>(sp => new DatabaseChangeFeed(
            sp.GetRequiredService<IChangeStore>(),
            database.ClusterId,
            sp.GetRequiredService<ChangeFeedOptions>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<DatabaseChangeFeed>>()));
        services.AddCloudGrainServices(grainOptions);
        services.AddHostedService<PendingPushSweeper>();
        services.AddHostedService<WorkloadPlacementWatcher>();

        // The grain-state rows read directly: the REST lists, the grain-state endpoint and the pending-push sweeper.
        services.AddSingleton(sp => GrainStateStoreFactory.Create(
            database.UsePostgres ? sp.GetRequiredService<PostgresDatabase>().Dialect : new SqliteDatabase(database.SqlitePath).Dialect,
            database.ClusterId,
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<GrainListQueries>();
        services.AddSingleton<IDeviceQueries>(sp => sp.GetRequiredService<GrainListQueries>());
        services.AddSingleton<INodeQueries>(sp => sp.GetRequiredService<GrainListQueries>());
        services.AddSingleton<IDeviceModelQueries>(sp => sp.GetRequiredService<GrainListQueries>());
        services.AddSingleton<IObjectSyncQueries>(sp => sp.GetRequiredService<GrainListQueries>());
        services.AddSingleton<ClusterView>();

        // /readyz's database probe, on the same pool (PostgreSQL) or file (SQLite) as the stores.
        services.AddSingleton(sp => new ClusterDatabaseHealth(
            database.UsePostgres ? sp.GetRequiredService<PostgresDatabase>().Dialect : new SqliteDatabase(database.SqlitePath).Dialect,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<ClusterDatabaseHealth>>()));
        services.AddSingleton<IWorkloadQueries>(sp => sp.GetRequiredService<GrainListQueries>());
        services.AddSingleton<IWorkloadNodes, WorkloadNodes>();
        services.AddSingleton<PortalQueries>();

        services.AddEdgeHiveOrleansSilo(settings);
        services.AddEdgeHiveMembershipTiming(configuration);
        return services;
    }
}
