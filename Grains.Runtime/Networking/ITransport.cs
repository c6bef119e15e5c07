namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>
/// Makes <see cref="Connection"/>s: by listening on an endpoint or by dialling one. TCP in production,
/// <see cref="InMemoryTransport"/> in tests; both hand out the same <see cref="Connection"/> class, so tests run the
/// real codec and loops.
/// </summary>
internal interface ITransport
{
    /// <summary>
    /// Starts accepting connections on <paramref name="host"/>:<paramref name="port"/> (port 0: any free port, see
    /// <see cref="ITransportListener.Port"/>). <paramref name="onConnection"/> receives each accepted connection not
    /// yet started; it runs off the accept loop, and if it throws the connection is aborted.
    /// </summary>
    Task<ITransportListener> ListenAsync(string host, int port, Func<Connection, Task> onConnection, CancellationToken cancellationToken);

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/>; the connection is returned not yet started.</summary>
    /// <exception cref="ConnectionFailedException">Refused, unreachable, or timed out.</exception>
    Task<Connection> ConnectAsync(string host, int port, CancellationToken cancellationToken);
}
