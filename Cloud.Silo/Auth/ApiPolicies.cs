using System.Security.Claims;

namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>Authorization policy names (one per role) and the role claims a token's principal carries.</summary>
internal static class ApiPolicies
{
    /// <summary>Any valid token.</summary>
    public const string Viewer = "edgehive.viewer";

    /// <summary>Editor or admin.</summary>
    public const string Editor = "edgehive.editor";

    /// <summary>Admin only.</summary>
    public const string Admin = "edgehive.admin";

    /// <summary>The claim value of a role.</summary>
    public static string ClaimValue(ApiRole role) => role switch
    {
        ApiRole.Viewer => "viewer",
        ApiRole.Editor => "editor",
        ApiRole.Admin => "admin",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    /// <summary>The role claims of a principal holding <paramref name="role"/>: the role and every role below it,
    /// so a policy needs to name only the lowest role it accepts.</summary>
    public static IEnumerable<Claim> RoleClaims(ApiRole role) =>
        Enum.GetValues<ApiRole>().Where(r => r <= role).Select(r => new Claim(ClaimTypes.Role, ClaimValue(r)));

    /// <summary>Parses a role name as written in requests (<c>viewer</c>, <c>editor</c>, <c>admin</c>).</summary>
    public static bool TryParseRole(string? value, out ApiRole role)
    {
        foreach (var candidate in Enum.GetValues<ApiRole>())
        {
            if (string.Equals(ClaimValue(candidate), value, StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
