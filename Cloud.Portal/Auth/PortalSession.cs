using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace EdgeHive.Cloud.Portal.Auth;

/// <summary>The signed-in user of a circuit and what they may do. Every write checks it on the server, whatever the
/// page showed.</summary>
public sealed class PortalSession(AuthenticationStateProvider authentication)
{
    /// <summary>The circuit's user.</summary>
    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync().ConfigureAwait(false)).User;

    /// <summary>True when the user may change devices, models and node labels.</summary>
    public async Task<bool> CanEditAsync() => (await UserAsync().ConfigureAwait(false)).IsInRole(PortalRoles.Editor);

    /// <summary>True when the user may manage join tokens and users.</summary>
    public async Task<bool> IsAdminAsync() => (await UserAsync().ConfigureAwait(false)).IsInRole(PortalRoles.Admin);
}
