namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>
/// Join tokens: created by an admin, they let an unknown edge node register itself (auto-registration) until they
/// expire, are revoked, or have been used <see cref="JoinTokenInfo.MaxUses"/> times. Only their hashes are stored.
/// </summary>
public interface IJoinTokens
{
    /// <summary>Creates a join token. The result holds the only copy of the token.</summary>
    /// <param name="description">What the token is for (shown in lists).</param>
    /// <param name="ttl">Lifetime; null for the configured default. Must be positive and at most the configured maximum.</param>
    /// <param name="maxUses">How many nodes may join with it; null for no limit until it expires.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ttl"/> or <paramref name="maxUses"/> is out of range.</exception>
    Task<IssuedJoinToken> CreateAsync(string? description, TimeSpan? ttl, int? maxUses, CancellationToken cancellationToken);

    /// <summary>Every join token not yet revoked, expired ones included (marked), in id order.</summary>
    Task<IReadOnlyList<JoinTokenInfo>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Revokes (deletes) a token; false when there is none with that id.</summary>
    Task<bool> RevokeAsync(string id, CancellationToken cancellationToken);

    /// <summary>The token's facts when it can be used now, without using it; null otherwise.</summary>
    Task<JoinTokenInfo?> ValidateAsync(string token, CancellationToken cancellationToken);

    /// <summary>Uses the token once for <paramref name="nodeName"/>: counts the use atomically across the cluster.</summary>
    /// <returns>The token's facts after the use, or null when it is unknown, revoked, expired or used up.</returns>
    Task<JoinTokenInfo?> ConsumeAsync(string token, string nodeName, CancellationToken cancellationToken);
}
