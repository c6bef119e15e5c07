namespace EdgeHive.Cloud.Portal.Auth;

/// <summary>A portal user as stored.</summary>
/// <param name="Name">Login name.</param>
/// <param name="Role">One of <see cref="PortalRoles.All"/>.</param>
/// <param name="PasswordHash">The <see cref="PasswordHasher"/> hash; never the password.</param>
/// <param name="CreatedAt">When the user was created.</param>
public sealed record PortalUser(string Name, string Role, string PasswordHash, DateTimeOffset CreatedAt);
