namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>A stored join token.</summary>
internal sealed record JoinTokenRecord(
    string Id,
    string? Description,
    string Hash,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    int? MaxUses,
    int Uses,
    string? LastUsedBy)
{
    /// <summary>True when the token can be used at <paramref name="now"/>.</summary>
    public bool IsUsable(DateTimeOffset now) => ExpiresAt > now && (MaxUses is not { } max || Uses < max);

    /// <summary>The public view at <paramref name="now"/>.</summary>
    public JoinTokenInfo ToInfo(DateTimeOffset now) =>
        new(Id, Description, CreatedAt, ExpiresAt, MaxUses, Uses, LastUsedBy, ExpiresAt <= now);
}
