using EdgeHive.Cloud.Portal.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Orleans.Dashboard;

namespace EdgeHive.Cloud.Silo.Portal;

/// <summary>
/// The Orleans Dashboard (<c>Microsoft.Orleans.Dashboard</c>) of the silo's Orleans side, served under
/// <see cref="Path"/> to portal admins only: the portal's cookie sign-in and its admin policy guard every dashboard
/// endpoint (page, assets and the JSON it polls). Without a sign-in the browser goes to the sign-in page; a viewer or
/// editor gets 403 (not the portal's "denied" page, since the dashboard's own calls are not pages).
/// </summary>
public static class OrleansDashboardEndpoints
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Path = "/dashboard";

    /// <summary>Adds the dashboard's silo services and the 403 for signed-in users who are not admins. Call after
    /// the portal (<see cref="SiloPortalServiceCollectionExtensions.AddEdgeHiveSiloPortal"/>).</summary>
    public static IServiceCollection AddEdgeHiveOrleansDashboard(this IServiceCollection services)
    {
        services.AddOrleans(silo => silo.AddDashboard());
        services.PostConfigure<CookieAuthenticationOptions>(PortalPolicies.Scheme, o =>
        {
            var denied = o.Events.OnRedirectToAccessDenied;
            o.Events.OnRedirectToAccessDenied = context =>
            {
                if (context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                }

                return denied(context);
            };
        });
        return services;
    }

    /// <summary>Maps the dashboard under <see cref="Path"/>, for the portal's admins.</summary>
    public static WebApplication MapEdgeHiveOrleansDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOrleansDashboard(routePrefix: Path).RequireAuthorization(PortalPolicies.Admin);
        return app;
    }
}
