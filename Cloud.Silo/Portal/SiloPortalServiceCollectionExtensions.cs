using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Cloud.Portal.Hosting;

namespace EdgeHive.Cloud.Silo.Portal;

/// <summary>Serves the portal from the silo itself.</summary>
public static class SiloPortalServiceCollectionExtensions
{
    /// <summary>Adds the portal (<see cref="PortalServiceCollectionExtensions.AddEdgeHivePortal"/>) backed by this
    /// silo's grain factory, list queries, change feed and membership view. Call after
    /// <see cref="Hosting.CloudSiloServiceCollectionExtensions.AddEdgeHiveCloud"/>; map it with
    /// <see cref="PortalEndpointRouteBuilderExtensions.MapEdgeHivePortal"/>.</summary>
    public static IServiceCollection AddEdgeHiveSiloPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPortalBackend, SiloPortalBackend>();
        services.AddEdgeHivePortal(configuration);
        return services;
    }
}
