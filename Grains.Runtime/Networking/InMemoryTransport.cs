using System.Collections.Concurrent;
using System.IO.Pipelines;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Grains.Runtime.Networking;

/// <summary>
/// Transport over an <see cref="InMemoryNetwork"/>, for tests: same <see cref="Connection"/> class, same codec, no
/// sockets. One instance stands for one process (silo or client); <see cref="InMemoryNetwork.Kill"/> kills all of it.
/// </summary>
internal sealed class InMemoryTransport : ITransport
{
    private readonly InMemoryNetwork _network;
    private readonly ConnectionOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _connectionLogger;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<Connection, byte> _connections = new();
    private readonly ConcurrentDictionary<InMemoryTransportListener, byte> _listeners = new();
    private volatile bool _killed;

    /// <summary>Creates a transport attached to <paramref name="network"/>.</summary>
    public InMemoryTransport(InMemoryNetwork network, ConnectionOptions options, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        options.Validate();
        _network = network;
        _options = options;
        _loggerFactory = loggerFactory;
        _connectionLogger = loggerFactory.CreateLogger<Connection>();
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public Task<ITransportListener> ListenAsync(
        string host, int port, Func<Connection, Task> onConnection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onConnection);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfKilled();
        var handoff = new ConnectionHandoff(onConnection, _loggerFactory.CreateLogger<InMemoryTransportListener>());
        var listener = _network.Bind(host, port, bound => new InMemoryTransportListener(_network, this, host, bound, handoff));
        _listeners.TryAdd(listener, 0);
        return Task.FromResult<ITransportListener>(listener);
    }

    /// <inheritdoc />
    public Task<Connection> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_killed)
        {
            throw new ConnectionFailedException($"{host}:{port}", "this transport was killed");
        }

        var pipe = _network.ConnectRaw(host, port);
        return Task.FromResult(CreateConnection(pipe, $"{host}:{port}"));
    }

    /// <summary>Wraps one side of a pipe pair and tracks it until it closes, so <see cref="Kill"/> can reach it.</summary>
    internal Connection CreateConnection(IDuplexPipe pipe, string remoteEndPoint)
    {
        var connection = new Connection(pipe, remoteEndPoint, _options, _connectionLogger, _timeProvider);
        _connections.TryAdd(connection, 0);
        connection.OnClosed(closed => _connections.TryRemove(closed, out _));
        if (_killed)
        {
            // Lost the race with Kill(): it may have enumerated before this connection was added.
            connection.Abort("Killed.");
        }

        return connection;
    }

    /// <summary>Stops every listener and aborts every connection of this transport; later calls are refused.</summary>
    internal void Kill()
    {
        _killed = true;
        foreach (var listener in _listeners.Keys)
        {
            listener.Stop();
        }

        foreach (var connection in _connections.Keys)
        {
            connection.Abort("Killed.");
        }
    }

    private void ThrowIfKilled()
    {
        if (_killed)
        {
            throw new InvalidOperationException("This in-memory transport was killed.");
        }
    }
}
