using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using EdgeHive.Edge.Mqtt.Channel;
using EdgeHive.Edge.Mqtt.Diagnostics;
using EdgeHive.Edge.Mqtt.Formatter;

namespace EdgeHive.Edge.Mqtt.Server;

/// <summary>
/// The embedded MQTT 3.1.1 broker of the edge agent: QoS 0/1 (incoming QoS 2 handshakes are completed, deliveries
/// are downgraded to QoS 1), retained messages, <c>+</c>/<c>#</c> wildcards with the <c>$</c>-topic rule, keepalive,
/// wills, clean and persistent in-memory sessions, takeover by client id. The host publishes and subscribes in
/// process through <see cref="PublishAsync"/> and <see cref="Subscribe"/>.
/// </summary>
public sealed partial class MqttBroker : IAsyncDisposable
{
    private readonly MqttBrokerOptions _options;
    private readonly TimeProvider _time;
    private readonly IMqttLogger _log;
    private readonly MqttPacketFormatter _formatter;
    private readonly ConcurrentDictionary<BrokerConnection, byte> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private Task _heartbeat = Task.CompletedTask;
    private int _state;

    /// <summary>Creates a broker; nothing listens until <see cref="StartAsync"/>.</summary>
    public MqttBroker(MqttBrokerOptions options, TimeProvider? timeProvider = null, IMqttLogger? logger = null)
    {
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _log = logger ?? NullMqttLogger.Instance;
        _formatter = new MqttPacketFormatter(options.MaxPacketSize);
    }

    /// <summary>Raised with the client id after a CONNECT was accepted.</summary>
    public event Action<string>? ClientConnected;

    /// <summary>Raised with the client id when an accepted connection ended.</summary>
    public event Action<string>? ClientDisconnected;

    /// <summary>The bound endpoint once started (the real port when <see cref="MqttBrokerOptions.Port"/> is 0).</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>The bound TCP port once started.</summary>
    public int Port => LocalEndPoint?.Port ?? throw new InvalidOperationException("The broker is not started.");

    /// <summary>Open connections, including those that have not sent CONNECT yet.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Binds the listener and starts accepting connections.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The broker was already started.");
        }

        _listener = new TcpListener(_options.Address, _options.Port);
        _listener.Start(backlog: 512);
        LocalEndPoint = (IPEndPoint)_listener.LocalEndpoint;
        LogStarted(LocalEndPoint);
        _acceptLoop = Task.Run(AcceptLoopAsync, CancellationToken.None);
        _heartbeat = Task.Run(HeartbeatLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops listening and closes every connection (wills are not published for a shutdown).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _state, 2) == 2)
        {
            return;
        }

        await _stopping.CancelAsync();
        _listener?.Stop();
        foreach (var connection in _connections.Keys)
        {
            connection.Channel.Close(MqttCloseReason.Shutdown, graceful: true);
        }

        await Task.WhenAll(_connections.Keys.Select(c => c.Finished)).WaitAsync(cancellationToken);
        await _acceptLoop.WaitAsync(cancellationToken);
        await _heartbeat.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    /// <summary>Serves one already-open transport (the in-memory twin of a TCP accept).</summary>
    internal void Accept(MqttTransport transport)
    {
        var overLimit = _connections.Count >= _options.MaxConnections;
        var channel = new MqttChannel(transport, _formatter, _options.OutboundQueueCapacity, _time, _log);
        var connection = new BrokerConnection(this, channel, _options, _time.GetTimestamp(), overLimit);
        _connections.TryAdd(connection, 0);
        connection.Start();
    }

    internal void OnConnectionFinished(BrokerConnection connection) => _connections.TryRemove(connection, out _);

    internal void RaiseConnected(string clientId) => ClientConnected?.Invoke(clientId);

    internal void RaiseDisconnected(string clientId) => ClientDisconnected?.Invoke(clientId);

    private async Task AcceptLoopAsync()
    {
        var listener = _listener!;
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                // A connection reset before accept completed: keep serving the others.
                LogAcceptFailed(ex);
                continue;
            }

            try
            {
                Accept(new TcpTransport(socket));
            }
            catch (Exception ex)
            {
                LogAcceptFailed(ex);
                socket.Dispose();
            }
        }
    }

    /// <summary>One timer for every connection's keepalive and connect deadline (Kestrel's heartbeat idea).</summary>
    private async Task HeartbeatLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token))
            {
                var now = _time.GetTimestamp();
                foreach (var connection in _connections.Keys)
                {
                    connection.CheckDeadlines(now, _time);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
