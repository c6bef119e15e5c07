namespace EdgeHive.Cloud.Silo.Api;

/// <summary>Body of <c>POST /api/v1/tokens</c>.</summary>
/// <param name="Name">What the token is for; required.</param>
/// <param name="Role"><c>viewer</c>, <c>editor</c> or <c>admin</c>; required.</param>
/// <param name="TtlSeconds">Lifetime in seconds, or null for a token that does not expire.</param>
internal sealed record CreateApiTokenRequest(string? Name, string? Role, long? TtlSeconds);

/// <summary>Body of <c>POST /api/v1/jointokens</c>.</summary>
/// <param name="Description">What the token is for.</param>
/// <param name="TtlSeconds">Lifetime in seconds, or null for the configured default.</param>
/// <param name="MaxUses">How many nodes may join with it, or null for no limit.</param>
internal sealed record CreateJoinTokenRequest(string? Description, long? TtlSeconds, int? MaxUses);

/// <summary>The answer to a token creation: the facts plus the secret, shown this once.</summary>
internal sealed record CreatedApiToken(string Id, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, string Token);

/// <summary>The answer to a join token creation, with the secret shown this once.</summary>
internal sealed record CreatedJoinToken(string Id, string? Description, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, int? MaxUses, string Token);
