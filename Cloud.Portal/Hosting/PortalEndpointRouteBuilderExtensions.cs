using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Cloud.Portal.Bulk;
using EdgeHive.Cloud.Portal.Components;
using EdgeHive.Cloud.Portal.Live;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace EdgeHive.Cloud.Portal.Hosting;

/// <summary>Maps the portal's endpoints.</summary>
public static class PortalEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the portal's pages (under <c>/</c>, interactive over Blazor's hub <c>/_blazor</c>), its static assets, the bulk
    /// endpoints and the logout endpoint. Routes of
    /// other endpoints (<c>/api/v1</c>, <c>/edge/v1/connect</c>) are untouched: the portal only maps its own pages.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <param name="staticAssetsManifestPath">The static web assets endpoints manifest, when it is not the
    /// application's own (tests hosting the silo in-process pass theirs).</param>
    public static WebApplication MapEdgeHivePortal(this WebApplication app, string? staticAssetsManifestPath = null)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The Blazor hub and the pages authenticate with the portal cookie even when the host's default scheme is the
        // API's bearer token, so the circuit's user is the signed-in portal user.
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated != true && !IsApi(context.Request.Path))
            {
                var result = await context.AuthenticateAsync(PortalPolicies.Scheme).ConfigureAwait(false);
                if (result.Succeeded)
                {
                    context.User = result.Principal;
                }
            }

            await next(context).ConfigureAwait(false);
        });
        app.UseAntiforgery();

        // A host without a static web assets manifest (a test host of another project) still serves the pages, unstyled.
        var manifest = staticAssetsManifestPath ?? Path.Combine(AppContext.BaseDirectory, app.Environment.ApplicationName + ".staticwebassets.endpoints.json");
        if (File.Exists(manifest))
        {
            app.MapStaticAssets(manifest);
        }

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapDeviceBulk();
        app.MapPost("/account/logout", async (HttpContext context, PortalCircuits circuits) =>
        {
            // The cookie goes, and so do the circuits of this sign-in (every tab of this browser) in this process: they
            // refuse every action from now on and send their tabs to the sign-in page.
            var signIn = context.User.Identity?.IsAuthenticated == true ? PortalSignIn.IdOf(context.User) : null;
            await context.SignOutAsync(PortalPolicies.Scheme).ConfigureAwait(false);
            if (signIn is not null)
            {
                circuits.EndSignIn(signIn);
            }

            return Results.LocalRedirect("~/account/login");
        }).WithMetadata(new RequireAntiforgeryTokenAttribute());
        return app;
    }

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/edge", StringComparison.OrdinalIgnoreCase);
}
