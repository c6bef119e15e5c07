namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>A message was offered to a connection that is closing or closed; it was not sent.</summary>
internal sealed class ConnectionClosedException : IOException
{
    /// <summary>Creates the exception naming the peer and the close reason.</summary>
    public ConnectionClosedException(string remoteEndPoint, string? reason)
        : base($"The connection to {remoteEndPoint} is closed ({reason ?? "no reason given"}); the message was not sent.")
    {
        CloseReason = reason;
    }

    /// <summary>Why the connection closed.</summary>
    public string? CloseReason { get; }
}
