namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>What may be shown about an API token (never the token or its hash).</summary>
/// <param name="Id">The token's id, the part between the prefix and the secret; used to revoke it.</param>
/// <param name="Name">What the token is for, as its creator described it.</param>
/// <param name="Role">What the token may do.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops working, or null for never.</param>
public sealed record ApiTokenInfo(string Id, string Name, ApiRole Role, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt);
