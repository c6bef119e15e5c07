namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>A stored node credential.</summary>
internal sealed record NodeCredentialRecord(string NodeName, string Hash, DateTimeOffset IssuedAt, string? JoinTokenId);
