using Microsoft.AspNetCore.Authorization;

namespace EdgeHive.Cloud.Portal.Auth;

/// <summary>Authorization policies of the portal. Each names the portal's cookie scheme, so they hold even when the
/// host's default scheme is the REST API's bearer tokens.</summary>
public static class PortalPolicies
{
    /// <summary>The cookie authentication scheme.</summary>
    public const string Scheme = "EdgeHive.Portal";

    /// <summary>Any signed-in user.</summary>
    public const string Viewer = "portal.viewer";

    /// <summary>Editors and admins.</summary>
    public const string Editor = "portal.editor";

    /// <summary>Admins.</summary>
    public const string Admin = "portal.admin";

    internal static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Viewer, Policy(PortalRoles.Viewer));
        options.AddPolicy(Editor, Policy(PortalRoles.Editor));
        options.AddPolicy(Admin, Policy(PortalRoles.Admin));
    }

    private static AuthorizationPolicy Policy(string role) => new AuthorizationPolicyBuilder(Scheme)
        .RequireAuthenticatedUser()
        .RequireRole(role)
        .Build();
}
