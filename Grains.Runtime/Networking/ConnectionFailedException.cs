namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>A connection could not be established: refused, unreachable, unknown host, timed out.</summary>
internal sealed class ConnectionFailedException : IOException
{
    /// <summary>Creates the exception naming the endpoint and why.</summary>
    public ConnectionFailedException(string endpoint, string reason, Exception? innerException = null)
        : base($"Could not connect to {endpoint}: {reason}", innerException)
    {
        Endpoint = endpoint;
    }

    /// <summary>The <c>host:port</c> that was dialled.</summary>
    public string Endpoint { get; }
}
