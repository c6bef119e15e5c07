namespace EdgeHive.Cloud.Portal.Auth;

/// <summary>A user's role as stored now, which may differ from the role in their cookie (an admin changed it, or
/// deleted the user, after they signed in).</summary>
internal interface IPortalRoleLookup
{
    /// <summary>The stored role, or null when the user no longer exists.</summary>
    Task<string?> RoleOfAsync(string user, CancellationToken cancellationToken);
}
