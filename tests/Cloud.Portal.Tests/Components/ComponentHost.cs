using Bunit;
using EdgeHive.Cloud.Portal.Auth;
using EdgeHive.Cloud.Portal.Backend;
using EdgeHive.Cloud.Portal.Editing;
using EdgeHive.Cloud.Portal.Live;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;

namespace EdgeHive.Cloud.Portal.Tests.Components;

/// <summary>A bunit context with MudBlazor's services and providers and the portal's services over
/// <paramref name="backend"/>, for a user of <paramref name="role"/>.</summary>
internal static class ComponentHost
{
    public static BunitContext Create(IPortalBackend backend, string role = PortalRoles.Editor)
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        context.Services.AddSingleton(TimeProvider.System);
        context.Services.AddSingleton(backend);
        context.Services.AddSingleton<AuthenticationStateProvider>(new FixedAuthentication(role));
        context.Services.AddSingleton<PortalCircuits>();
        context.Services.AddScoped<CircuitSession>();
        context.Services.AddScoped(sp => new CircuitChanges(
            backend, sp.GetRequiredService<PortalCircuits>(), sp.GetRequiredService<CircuitSession>(), TimeProvider.System, NullLogger<CircuitChanges>.Instance));
        context.Services.AddScoped(sp => new PortalSession(sp.GetRequiredService<AuthenticationStateProvider>()));
        context.Services.AddScoped<PortalCommands>();
        context.Services.AddScoped<DeviceSelection>();

        // Popovers (selects, tooltips) and dialogs need their providers rendered somewhere in the context.
        context.Render<MudPopoverProvider>();
        return context;
    }
}
