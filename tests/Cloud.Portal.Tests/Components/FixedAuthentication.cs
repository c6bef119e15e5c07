using Microsoft.AspNetCore.Components.Authorization;

namespace EdgeHive.Cloud.Portal.Tests.Components;

/// <summary>An authentication state of one user with one role, for components and commands tested without a browser.</summary>
internal sealed class FixedAuthentication(string role, string name = "x") : AuthenticationStateProvider
{
    public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
        Task.FromResult(new AuthenticationState(TestUsers.With(name, role)));
}
