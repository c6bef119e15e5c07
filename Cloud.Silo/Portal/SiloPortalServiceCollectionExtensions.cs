using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Cloud.Portal.Hosting;

namespace EdgeHive.Cloud.Silo.Portal;

/// <summary>Serves the portal from the silo itself.</summary>
public static class SiloPortalServiceCollectionExtensions
{
    /// <summary>Adds the portal (<see cref="PortalServiceCollectionExtensions.AddEdgeHivePortal"/>) backed by this
    /// silo's grain factory, list queries, change feed, membership view and (when the REST API is added first) its join
    /// tokens. Call after
    /// <see cref="Hosting.CloudSiloServiceCollectionExtensions.AddEdgeHiveCloud"/>; map it with
    /// <see cref="PortalEndpointRouteBuilderExtensions.MapEdgeHivePortal"/>.</summary>
    public static IServiceCollection AddEdgeHiveSiloPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPortalBackend, SiloPortalBackend>();

        // Join tokens come from the REST API's store when the host has one (AddEdgeHiveApi).
        if (services.Any(d => d.ServiceType == typeof(Auth.IJoinTokens)))
        {
            services.AddSingleton<IPortalJoinTokens, SiloPortalJoinTokens>();
        }

        services.AddEdgeHivePortal(configuration);
        return services;
    }
}
