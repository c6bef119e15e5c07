namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>A freshly created join token. <paramref name="Token"/> is shown this once and never stored.</summary>
/// <param name="Info">The token's public facts.</param>
/// <param name="Token">The join token the edge agent presents.</param>
public sealed record IssuedJoinToken(JoinTokenInfo Info, string Token);
