using System.Security.Claims;
using EdgeHive.Cloud.Portal.Auth;

namespace EdgeHive.Cloud.Portal.Tests;

/// <summary>Signed-in users for tests that call portal services directly, with the role claims a portal login gives.</summary>
internal static class TestUsers
{
    public static ClaimsPrincipal With(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), .. PortalRoles.Claims(role)], "test"));
}
