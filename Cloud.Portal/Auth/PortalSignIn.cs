using System.Security.Claims;

namespace EdgeHive.Cloud.Portal.Auth;

/// <summary>Each sign-in carries an id of its own in the cookie, so signing out ends that sign-in's circuits (every tab
/// of that browser) and no other sign-in of the same user.</summary>
public static class PortalSignIn
{
    /// <summary>The claim holding the sign-in's id.</summary>
    public const string ClaimType = "edgehive.signin";

    /// <summary>A new sign-in's claim.</summary>
    public static Claim NewClaim() => new(ClaimType, Guid.NewGuid().ToString("N"));

    /// <summary>The sign-in's id; for a cookie from before sign-in ids, the user's name.</summary>
    public static string IdOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(ClaimType)?.Value ?? "user:" + (user.Identity?.Name ?? string.Empty);
    }
}
