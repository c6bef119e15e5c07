namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>The outcome of <see cref="INodeCredentials.JoinAsync"/>.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Credential">The new credential when <paramref name="Status"/> is <see cref="NodeJoinStatus.Joined"/>.</param>
public sealed record NodeJoinResult(NodeJoinStatus Status, IssuedNodeCredential? Credential);
