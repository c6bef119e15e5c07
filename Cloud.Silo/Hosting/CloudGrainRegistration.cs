using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Cloud.Silo.Portal;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeHive.Cloud.Silo.Hosting;

/// <summary>What the cloud grains take in their constructors; used by the host and by tests that build silos
/// themselves. Orleans finds the grain classes itself (<see cref="ObjectSyncGrain"/>, <see cref="DeviceModelGrain"/>,
/// <see cref="DeviceGrain"/>, <see cref="EdgeNodeGrain"/>, <see cref="NodeSessionGrain"/>, <see cref="WorkloadGrain"/>
/// and the portal's query, change-subscription and join-token grains — <see cref="PortalQueryGrain"/> needs
/// <see cref="PortalQueries"/>, added by <see cref="CloudSiloServiceCollectionExtensions.AddEdgeHiveCloud"/>).</summary>
internal static class CloudGrainRegistration
{
    /// <summary>Adds the grains' services: options, the change publisher (the feed itself must be registered as
    /// <see cref="IChangeFeed"/>) and the reconnect signal that <see cref="PendingPushSweeper"/> reads.</summary>
    public static IServiceCollection AddCloudGrainServices(this IServiceCollection services, CloudGrainOptions options)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<ChangePublisher>();
        services.AddSingleton<NodeReconnects>();
        return services;
    }
}
