using EdgeHive.Cloud.Portal.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace EdgeHive.Cloud.Portal.Live;

/// <summary>Registers each circuit with <see cref="PortalCircuits"/> under its sign-in while it is open.</summary>
internal sealed class PortalCircuitHandler(
    PortalCircuits circuits,
    CircuitSession session,
    AuthenticationStateProvider authentication) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync().ConfigureAwait(false)).User;
        session.SignIn = PortalSignIn.IdOf(user);
        session.User = user.Identity?.Name ?? string.Empty;
        circuits.Add(session);
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        circuits.Remove(session);
        return Task.CompletedTask;
    }
}
