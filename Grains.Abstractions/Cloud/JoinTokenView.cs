namespace EdgeHive.Grains.Cloud;

/// <summary>A join token without its secret.</summary>
/// <param name="Id">The token's id.</param>
/// <param name="Description">What it is for, or null.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="Uses">How many nodes joined with it.</param>
/// <param name="MaxUses">How many may, or null for no limit.</param>
/// <param name="Expired">True once <paramref name="ExpiresAt"/> has passed.</param>
public sealed record JoinTokenView(string Id, string? Description, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, int Uses, int? MaxUses, bool Expired);
