using EdgeHive.Cloud.Silo.Changes;
using EdgeHive.Cloud.Silo.Grains;
using EdgeHive.Cloud.Silo.Portal;
using EdgeHive.Grains.Runtime.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeHive.Cloud.Silo.Hosting;

/// <summary>The cloud grains and what they take in their constructors; used by the host and by tests that build
/// silos themselves.</summary>
internal static class CloudGrainRegistration
{
    /// <summary>Registers every cloud grain class that still runs on the home runtime with the silo: only the portal's
    /// grains are left (the families that moved to Orleans — <see cref="ObjectSyncGrain"/>, <see cref="DeviceModelGrain"/>,
    /// <see cref="DeviceGrain"/>, <see cref="EdgeNodeGrain"/>, <see cref="NodeSessionGrain"/> — are found by Orleans
    /// itself), the portal's query, change-subscription and join-token
    /// grains for cluster clients included (they need <see cref="PortalQueries"/>, added by
    /// <see cref="CloudSiloServiceCollectionExtensions.AddEdgeHiveCloud"/>).</summary>
    public static SiloBuilder AddCloudGrains(this SiloBuilder builder) => builder
        .AddGrain<PortalQueryGrain>()
        .AddGrain<PortalChangesGrain>()
        .AddGrain<PortalJoinTokenGrain>();

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
