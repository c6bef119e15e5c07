using System.Security.Claims;

namespace EdgeHive.Cloud.Portal.Auth;

/// <summary>Portal roles, lowest first. A user holds the claims of their role and of every role below it, so a policy
/// names only the lowest role it accepts.</summary>
public static class PortalRoles
{
    /// <summary>Reads everything, changes nothing.</summary>
    public const string Viewer = "viewer";

    /// <summary>Also creates, edits and deletes devices, models and node labels.</summary>
    public const string Editor = "editor";

    /// <summary>Also manages join tokens and users.</summary>
    public const string Admin = "admin";

    /// <summary>All roles, lowest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Editor, Admin];

    /// <summary>True when <paramref name="role"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>The role's place in <see cref="All"/> (higher may do more), or -1 for none or an unknown role.</summary>
    public static int Rank(string? role) => role is null ? -1 : All.ToList().IndexOf(role);

    /// <summary>The role claims of a user with <paramref name="role"/>.</summary>
    public static IEnumerable<Claim> Claims(string role)
    {
        var rank = All.ToList().IndexOf(role);
        return All.Take(rank + 1).Select(r => new Claim(ClaimTypes.Role, r));
    }
}
