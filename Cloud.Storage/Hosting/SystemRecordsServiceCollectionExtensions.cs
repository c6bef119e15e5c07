using EdgeHive.Cloud.Storage.Database;
using EdgeHive.Cloud.Storage.SystemRecords;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeHive.Cloud.Storage.Hosting;

/// <summary>Registers the cluster's <see cref="ISystemRecordStore"/> in a host (a silo or the standalone portal).</summary>
public static class SystemRecordsServiceCollectionExtensions
{
    /// <summary>Adds the store on <paramref name="database"/>'s database, scoped by <paramref name="serviceId"/>, and
    /// a hosted service that creates its tables at start. Call before adding hosted services that read records (token
    /// and admin bootstraps): hosted services start in registration order.</summary>
    public static IServiceCollection AddEdgeHiveSystemRecords(
        this IServiceCollection services,
        Func<IServiceProvider, SqlDialect> database,
        string serviceId)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        services.AddSingleton(sp => SystemRecordStoreFactory.Create(database(sp), serviceId, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddHostedService<SystemRecordStoreInitializer>();
        return services;
    }

    /// <summary>Creates the tables (idempotent, as on every start) before the services that read records start.</summary>
    private sealed class SystemRecordStoreInitializer(ISystemRecordStore records) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => records.InitializeAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
