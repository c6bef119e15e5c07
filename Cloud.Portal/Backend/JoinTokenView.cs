namespace EdgeHive.Cloud.Portal.Backend;

/// <summary>A join token without its secret.</summary>
/// <param name="Id">The token's id.</param>
/// <param name="Description">What it is for, or null.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="Revoked">True once revoked.</param>
public sealed record JoinTokenView(string Id, string? Description, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, bool Revoked);
