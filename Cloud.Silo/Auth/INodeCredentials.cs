namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>
/// Credentials of edge nodes: one per node, issued when the node joins with a join token, presented as a bearer
/// credential on every later connection. A credential names its node and only that node. Only hashes are stored.
/// </summary>
public interface INodeCredentials
{
    /// <summary>Issues a new credential for <paramref name="nodeName"/>, replacing any previous one (which stops
    /// working at once). For admins re-keying a node; unknown nodes join through <see cref="JoinAsync"/>.</summary>
    /// <exception cref="ArgumentException">The node name is not a DNS-1123 subdomain.</exception>
    Task<IssuedNodeCredential> IssueAsync(string nodeName, CancellationToken cancellationToken);

    /// <summary>Auto-registration: uses <paramref name="joinToken"/> once and issues the node's first credential.
    /// Refused when the node already has a credential (a join token must not let anyone take over a known node) or
    /// the join token cannot be used; the join token is not used up then.</summary>
    /// <exception cref="ArgumentException">The node name is not a DNS-1123 subdomain.</exception>
    Task<NodeJoinResult> JoinAsync(string joinToken, string nodeName, CancellationToken cancellationToken);

    /// <summary>The node a presented credential belongs to, or null when it is unknown, malformed or revoked.</summary>
    Task<string?> ValidateAsync(string credential, CancellationToken cancellationToken);

    /// <summary>True when the node has a credential.</summary>
    Task<bool> ExistsAsync(string nodeName, CancellationToken cancellationToken);

    /// <summary>Revokes the node's credential; false when it has none.</summary>
    Task<bool> RevokeAsync(string nodeName, CancellationToken cancellationToken);
}
