using EdgeHive.Cloud.Storage.SystemRecords;
using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Cloud.Storage.GrainState;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using EdgeHive.Cloud.Portal.Live;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using MudBlazor.Services;

namespace EdgeHive.Cloud.Portal.Hosting;

/// <summary>Adds the portal to an ASP.NET Core host.</summary>
public static class PortalServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Blazor portal: MudBlazor components in interactive server render mode (one circuit per browser tab, one
    /// live change subscription per circuit: <see cref="CircuitChanges"/>), cookie login with the roles
    /// viewer/editor/admin (<see cref="PortalPolicies"/>), the user store and the data-protection key ring (cookies, antiforgery) in the cluster database and the first-admin
    /// bootstrap (<c>Portal:AdminPassword</c>). The host must register an <see cref="IPortalBackend"/> (and may register
    /// <see cref="IPortalJoinTokens"/>) and an <c>ISystemRecordStore</c> (<c>AddEdgeHiveSystemRecords</c>); map the portal with
    /// <see cref="PortalEndpointRouteBuilderExtensions.MapEdgeHivePortal"/>.
    /// </summary>
    public static IServiceCollection AddEdgeHivePortal(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PortalOptions>().Bind(configuration.GetSection(PortalOptions.Section));

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();

        // Not the default scheme: the REST API's bearer tokens may be. The portal's policies name this scheme.
        services.AddAuthentication().AddCookie(PortalPolicies.Scheme, o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "edgehive.portal";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Strict;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = configuration.GetSection(PortalOptions.Section).Get<PortalOptions>()?.SessionLifetime ?? TimeSpan.FromHours(8);
        });
        services.AddAuthorization(PortalPolicies.Add);

        // One key ring for every process serving the portal, kept in the cluster database: a cookie signed by one silo
        // or standalone portal is accepted by the others and survives restarts (see StorageXmlRepository).
        services.AddDataProtection().SetApplicationName("EdgeHive.Portal");
        services.AddOptions<KeyManagementOptions>()
            .Configure<ISystemRecordStore>((o, storage) => o.XmlRepository = new StorageXmlRepository(storage));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PortalUserStore>();
        services.AddHostedService<AdminBootstrap>();
        services.AddSingleton<PortalCircuits>();
        services.AddScoped<CircuitSession>();
        services.AddScoped<CircuitHandler, PortalCircuitHandler>();
        services.AddScoped<CircuitChanges>();
        services.AddScoped<Editing.DeviceSelection>();
        services.AddSingleton<IPortalRoleLookup, StoredPortalRoles>();
        services.AddScoped(sp => new PortalSession(
            sp.GetRequiredService<AuthenticationStateProvider>(),
            sp.GetRequiredService<IPortalRoleLookup>(),
            sp.GetRequiredService<CircuitSession>()));
        services.AddScoped<PortalCommands>();
        services.AddSingleton<Bulk.DeviceImportJobs>();
        return services;
    }
}
