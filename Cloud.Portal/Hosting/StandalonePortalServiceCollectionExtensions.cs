using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Cloud.Portal.Cluster;
using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Cloud.Portal.Hosting;

/// <summary>Adds the portal to a process of its own that talks to the cluster as a client.</summary>
public static class StandalonePortalServiceCollectionExtensions
{
    /// <summary>
    /// Adds the portal (<see cref="PortalServiceCollectionExtensions.AddEdgeHivePortal"/>) backed by a cluster client:
    /// grain calls and the portal's query, change-subscription and join-token grains through the silos' gateways
    /// (<see cref="PortalClientOptions"/>: <c>Portal:Gateways</c>, <c>Portal:CallTimeout</c>, <c>Portal:ResubscribeInterval</c>, <c>Portal:RetryInterval</c>; <c>Cluster:ClusterId</c>), and the user store in the
    /// cluster database (<c>Cluster:Provider</c>, <c>Storage:DataDir</c>, <c>ConnectionStrings:Postgres</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The configuration names no gateway, a malformed one, or an unusable database.</exception>
    public static IServiceCollection AddEdgeHiveStandalonePortal(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new PortalClientOptions();
        configuration.GetSection("Portal").Bind(options);
        options.Validate();
        var database = ClusterDatabaseSettings.Read(configuration);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        if (database.UsePostgres)
        {
            services.AddSingleton(_ => new PostgresDatabase(database.PostgresConnectionString!));
        }

        // Users and the sign-in key ring are system records in the cluster database, where the silos keep them too.
        // Before AddEdgeHivePortal: hosted services start in order, and the admin bootstrap needs the tables.
        services.AddEdgeHiveSystemRecords(
            sp => database.UsePostgres ? sp.GetRequiredService<PostgresDatabase>().Dialect : new SqliteDatabase(database.SqlitePath).Dialect,
            database.ClusterId);
        services.AddSingleton(sp => new PortalOrleansClient(options, database, sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<PortalOrleansClient>());
        services.AddSingleton<PortalChangeHub>();
        services.AddHostedService(sp => sp.GetRequiredService<PortalChangeHub>());
        services.AddSingleton<IPortalBackend, ClusterPortalBackend>();
        services.AddSingleton<IPortalJoinTokens, ClusterPortalJoinTokens>();
        services.AddEdgeHivePortal(configuration);
        return services;
    }
}
