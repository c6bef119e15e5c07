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
    /// <summary>The cloud grain classes that still run on the home runtime: none is left. Every family runs on Orleans
    /// (<see cref="ObjectSyncGrain"/>, <see cref="DeviceModelGrain"/>, <see cref="DeviceGrain"/>, <see cref="EdgeNodeGrain"/>,
    /// <see cref="NodeSessionGrain"/>, <see cref="WorkloadGrain"/> and the portal's query, change-subscription and
    /// join-token grains — <see cref="PortalQueryGrain"/> needs <see cref="PortalQueries"/>, added by
    /// <see cref="CloudSiloServiceCollectionExtensions.AddEdgeHiveCloud"/>), where Orleans finds them itself. The home
    /// silo still carries membership and storage until Grains.Runtime is deleted (issue 9).</summary>
    public static SiloBuilder AddCloudGrains(this SiloBuilder builder) => builder;

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
