namespace EdgeHive.Cloud.Silo.Gateway;

/// <summary>A node's credential stopped being valid at <paramref name="At"/>: connections of the node that
/// authenticated at or before it are closed with 4401 and <paramref name="Reason"/>.</summary>
/// <param name="Node">The node.</param>
/// <param name="At">When the credential was revoked or replaced.</param>
/// <param name="Reason">The close reason the agent logs.</param>
internal sealed record NodeRevocation(string Node, DateTimeOffset At, string Reason)
{
    /// <summary>True when <paramref name="connection"/> authenticated with the credential this revocation ends.</summary>
    public bool Applies(EdgeConnection connection) =>
        string.Equals(connection.NodeName, Node, StringComparison.Ordinal) && connection.AuthenticatedAt <= At;
}
