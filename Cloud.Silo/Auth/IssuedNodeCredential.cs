namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>A node credential as issued. <paramref name="Credential"/> is handed to the node once and never stored.</summary>
/// <param name="NodeName">The node it belongs to.</param>
/// <param name="Credential">The bearer credential (<c>ehn_{node}.{secret}</c>).</param>
/// <param name="IssuedAt">When it was issued.</param>
public sealed record IssuedNodeCredential(string NodeName, string Credential, DateTimeOffset IssuedAt);
