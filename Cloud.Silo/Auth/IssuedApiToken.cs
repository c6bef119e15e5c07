namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>A freshly created API token. <paramref name="Token"/> is shown this once and never stored.</summary>
/// <param name="Info">The token's public facts.</param>
/// <param name="Token">The bearer token.</param>
public sealed record IssuedApiToken(ApiTokenInfo Info, string Token);
