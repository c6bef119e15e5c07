namespace EdgeHive.Cloud.Portal.Auth;

/// <summary>Roles as the user store holds them: one row read per check.</summary>
internal sealed class StoredPortalRoles(PortalUserStore users) : IPortalRoleLookup
{
    public async Task<string?> RoleOfAsync(string user, CancellationToken cancellationToken) =>
        (await users.FindAsync(user, cancellationToken).ConfigureAwait(false))?.Role;
}
