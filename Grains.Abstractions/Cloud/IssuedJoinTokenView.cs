namespace EdgeHive.Grains.Cloud;

/// <summary>A join token just created: its facts and its only copy of the secret.</summary>
/// <param name="Token">The token without its secret.</param>
/// <param name="Secret">The token itself, shown once.</param>
public sealed record IssuedJoinTokenView(JoinTokenView Token, string Secret);
