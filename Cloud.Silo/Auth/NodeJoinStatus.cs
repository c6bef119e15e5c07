namespace EdgeHive.Cloud.Silo.Auth;

/// <summary>How a join attempt ended.</summary>
public enum NodeJoinStatus
{
    /// <summary>The node got its credential.</summary>
    Joined,

    /// <summary>The join token is unknown, revoked, expired or used up.</summary>
    InvalidJoinToken,

    /// <summary>The node already has a credential; it must connect with it (or an admin revokes it first).</summary>
    AlreadyRegistered,
}
