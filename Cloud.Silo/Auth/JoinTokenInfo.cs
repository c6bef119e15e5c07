namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>What may be shown about a join token (never the token or its hash).</summary>
/// <param name="Id">The token's id; used to revoke it.</param>
/// <param name="Description">What the token is for, or null.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="MaxUses">How many nodes may join with it, or null for no limit.</param>
/// <param name="Uses">How many nodes joined with it.</param>
/// <param name="LastUsedBy">The node that used it last, or null.</param>
/// <param name="Expired">True when <paramref name="ExpiresAt"/> has passed (as of the read).</param>
public sealed record JoinTokenInfo(
    string Id,
    string? Description,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    int? MaxUses,
    int Uses,
    string? LastUsedBy,
    bool Expired);
