using System.Security.Claims;
using EdgeHive.Cloud.Portal.Live;
using Microsoft.AspNetCore.Components.Authorization;

namespace EdgeHive.Cloud.Portal.Auth;

/// <summary>
/// The signed-in user of a circuit and what they may do. Every write asks it on the server, whatever the page showed: a
/// circuit whose sign-in was ended may do nothing, and the role must be held both in the cookie and in the user store
/// now (an admin may have lowered it since the sign-in), so no message a browser crafts reaches an editor's or admin's
/// action without the role.
/// </summary>
public sealed class PortalSession
{
    private readonly AuthenticationStateProvider _authentication;
    private readonly IPortalRoleLookup? _roles;
    private readonly CircuitSession? _circuit;

    /// <summary>A session that trusts the roles of the authentication state (tests, hosts without a user store).</summary>
    public PortalSession(AuthenticationStateProvider authentication)
        : this(authentication, null, null)
    {
    }

    internal PortalSession(AuthenticationStateProvider authentication, IPortalRoleLookup? roles, CircuitSession? circuit)
    {
        _authentication = authentication;
        _roles = roles;
        _circuit = circuit;
    }

    /// <summary>The circuit's user.</summary>
    public async Task<ClaimsPrincipal> UserAsync() => (await _authentication.GetAuthenticationStateAsync().ConfigureAwait(false)).User;

    /// <summary>True when the user may change devices, models and node labels.</summary>
    public Task<bool> CanEditAsync() => HasRoleAsync(PortalRoles.Editor);

    /// <summary>True when the user may manage join tokens and users.</summary>
    public Task<bool> IsAdminAsync() => HasRoleAsync(PortalRoles.Admin);

    private async Task<bool> HasRoleAsync(string role)
    {
        if (_circuit?.IsEnded == true)
        {
            return false;
        }

        var user = await UserAsync().ConfigureAwait(false);
        if (!user.IsInRole(role))
        {
            return false;
        }

        if (_roles is null)
        {
            return true;
        }

        var stored = await _roles.RoleOfAsync(user.Identity?.Name ?? string.Empty, CancellationToken.None).ConfigureAwait(false);
        return PortalRoles.Rank(stored) >= PortalRoles.Rank(role);
    }
}
