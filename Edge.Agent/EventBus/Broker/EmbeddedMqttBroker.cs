using System.Diagnostics.Metrics;
using System.Net;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Microsoft.Extensions.Logging;

namespace EdgeHive.Edge.Agent.EventBus.Broker;

/// <summary>
/// The agent's embedded MQTT broker: MQTTnet's server in the agent process, behind <see cref="GuardedTcpServerAdapter"/>
/// (packet size limit before buffering, empty 3.1.1 client ids assigned). The agent is broker and consumer at once:
/// publications on the host's filters reach it through <c>InterceptingPublishAsync</c>, and it publishes with
/// <c>InjectApplicationMessage</c>; there is no loopback client. PUBLISH topics that are empty, hold a wildcard, U+0000
/// or U+FFFD (what MQTTnet makes of ill-formed UTF-8) close that client's connection and reach no one.
/// </summary>
public sealed partial class EmbeddedMqttBroker : IMqttBridge
{
    /// <summary>Sender id of the agent's own publications.</summary>
    public const string HostClientId = "edgehive-agent";

    private static readonly Meter Meter = new("EdgeHive.Edge.Agent.Mqtt");
    private static readonly Counter<long> DroppedCounter = Meter.CreateCounter<long>("edgehive.mqtt.dropped", "{message}",
        "Messages the embedded broker dropped from a full client queue, by QoS");

    private readonly EmbeddedBrokerOptions _options;
    private readonly ILogger _logger;
    private readonly GuardedTcpServerAdapter _adapter;
    private readonly MqttServer _server;
    private readonly ReceiverBackpressure? _backpressure;
    private IReadOnlyList<string> _filters = [];
    private Func<MqttApplicationMessage, CancellationToken, ValueTask>? _received;
    private long _droppedQos0;
    private long _droppedQos1;
    private int _connected;

    /// <summary>Creates the broker; nothing listens until <c>StartAsync</c>.</summary>
    public EmbeddedMqttBroker(EmbeddedBrokerOptions options, ILoggerFactory loggers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPacketSize, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPendingMessagesPerClient, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReceiverStallTimeout, TimeSpan.Zero);
        _options = options;
        _logger = loggers.CreateLogger<EmbeddedMqttBroker>();
        _adapter = new GuardedTcpServerAdapter(new IPEndPoint(options.Address, options.Port), options.MaxPacketSize, _logger);
        var serverOptions = new MqttServerOptions
        {
            EnablePersistentSessions = true,
            MaxPendingMessagesPerClient = options.MaxPendingMessagesPerClient,
            PendingMessagesOverflowStrategy = MqttPendingMessagesOverflowStrategy.DropOldestQueuedMessage,
            DefaultCommunicationTimeout = options.ConnectTimeout,
        };
        serverOptions.DefaultEndpointOptions.IsEnabled = false;
        _server = new MqttServer(serverOptions, [_adapter], new MqttNetLogger(loggers.CreateLogger("EdgeHive.Edge.Agent.Mqtt.Server")));
        _server.ValidatingConnectionAsync += OnValidatingAsync;
        _server.InterceptingPublishAsync += OnPublishAsync;
        _server.ClientConnectedAsync += e =>
        {
            Interlocked.Increment(ref _connected);
            ClientConnected?.Invoke(e.ClientId);
            return Task.CompletedTask;
        };
        _server.ClientDisconnectedAsync += e =>
        {
            Interlocked.Decrement(ref _connected);
            ClientDisconnected?.Invoke(e.ClientId);
            return Task.CompletedTask;
        };
        _server.QueuedApplicationMessageOverwrittenAsync += OnDroppedAsync;
        if (options.ReceiverStallTimeout > TimeSpan.Zero)
        {
            _backpressure = new ReceiverBackpressure(_server, options.MaxPendingMessagesPerClient, options.ReceiverStallTimeout, LogReceiverStalled);
            _server.ClientConnectedAsync += _backpressure.OnConnectedAsync;
            _server.ClientDisconnectedAsync += _backpressure.OnDisconnectedAsync;
            _server.InterceptingClientEnqueueAsync += _backpressure.OnEnqueueAsync;
            _server.InterceptingOutboundPacketAsync += _backpressure.OnOutboundAsync;
        }
    }

    /// <summary>Raised with the client id after a client connected.</summary>
    public event Action<string>? ClientConnected;

    /// <summary>Raised with the client id after a client's connection ended.</summary>
    public event Action<string>? ClientDisconnected;

    /// <summary>The bound endpoint once started.</summary>
    public IPEndPoint? LocalEndPoint => _adapter.LocalEndPoint;

    /// <summary>The bound TCP port once started.</summary>
    public int Port => LocalEndPoint?.Port ?? throw new InvalidOperationException("The embedded broker is not started.");

    /// <summary>Open TCP connections, including those that have not sent CONNECT yet.</summary>
    public int ConnectionCount => _adapter.ConnectionCount;

    /// <summary>QoS 0 messages dropped from full client queues (the spec allows it; also metric <c>edgehive.mqtt.dropped</c>).</summary>
    public long DroppedQos0 => Interlocked.Read(ref _droppedQos0);

    /// <summary>QoS 1 messages dropped from full client queues; each is logged and its client disconnected.</summary>
    public long DroppedQos1 => Interlocked.Read(ref _droppedQos1);

    /// <inheritdoc />
    (string Host, int Port) IMqttBridge.LocalEndpoint
    {
        get
        {
            var endPoint = LocalEndPoint ?? throw new InvalidOperationException("The embedded broker is not started.");

            // A wildcard listener is reachable on loopback; a specific address only on itself.
            var address = endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.Loopback : endPoint.Address;
            return (address.ToString(), endPoint.Port);
        }
    }

    /// <summary>Starts listening; publications matching <paramref name="filters"/> go to <paramref name="received"/>.</summary>
    public async Task StartAsync(IReadOnlyList<string> filters, Func<MqttApplicationMessage, CancellationToken, ValueTask> received, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _filters = filters;
        _received = received;
        await _server.StartAsync().ConfigureAwait(false);
        LogListening(LocalEndPoint!.ToString(), _options.MaxPacketSize);
    }

    /// <summary>Starts listening without a consumer (conformance tests, benchmarks).</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => StartAsync([], static (_, _) => ValueTask.CompletedTask, cancellationToken);

    /// <summary>Publishes as the agent, to every matching subscriber (and the retained store when flagged).</summary>
    public ValueTask PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken) =>
        new(_server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = HostClientId }, cancellationToken));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _backpressure?.ReleaseAll();
        if (_server.IsStarted)
        {
            await _server.StopAsync(new MqttServerStopOptions()).ConfigureAwait(false);
        }

        _server.Dispose();
    }

    /// <summary>A topic name a client may publish to: non-empty, no wildcard, no U+0000, no replacement character.</summary>
    internal static bool IsValidTopicName(string? topic) =>
        !string.IsNullOrEmpty(topic) && topic.AsSpan().IndexOfAny("+#\0\uFFFD") < 0;

    private Task OnValidatingAsync(ValidatingConnectionEventArgs e)
    {
        if (Volatile.Read(ref _connected) >= _options.MaxConnections)
        {
            e.ReasonCode = MqttConnectReasonCode.ServerUnavailable;
            LogRefusedFull(e.ClientId, _options.MaxConnections);
        }

        return Task.CompletedTask;
    }

    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        if (string.Equals(e.ClientId, HostClientId, StringComparison.Ordinal))
        {
            return;
        }

        var topic = e.ApplicationMessage.Topic;
        if (!IsValidTopicName(topic))
        {
            e.ProcessPublish = false;
            e.CloseConnection = true;
            LogInvalidTopic(e.ClientId);
            return;
        }

        if (_received is not { } received || !Matches(topic))
        {
            return;
        }

        try
        {
            await received(e.ApplicationMessage, e.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The client or the broker is going away; the message was not taken.
        }
    }

    private bool Matches(string topic)
    {
        foreach (var filter in _filters)
        {
            if (MqttTopicFilterComparer.Compare(topic, filter) == MqttTopicFilterCompareResult.IsMatch)
            {
                return true;
            }
        }

        return false;
    }

    private Task OnDroppedAsync(QueueMessageOverwrittenEventArgs e)
    {
        if (e.Packet is not MqttPublishPacket publish)
        {
            return Task.CompletedTask;
        }

        if (publish.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
        {
            Interlocked.Increment(ref _droppedQos0);
            DroppedCounter.Add(1, new KeyValuePair<string, object?>("qos", 0));
            return Task.CompletedTask;
        }

        Interlocked.Increment(ref _droppedQos1);
        DroppedCounter.Add(1, new KeyValuePair<string, object?>("qos", 1));
        LogDroppedQos1(e.ReceiverClientId, publish.Topic, _options.MaxPendingMessagesPerClient);

        // Not awaited: this runs inside MQTTnet's enqueue; the client re-reads its state (twin/get) when it returns.
        _ = DisconnectSlowConsumerAsync(e.ReceiverClientId);
        return Task.CompletedTask;
    }

    private async Task DisconnectSlowConsumerAsync(string clientId)
    {
        try
        {
            await _server.DisconnectClientAsync(clientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.QuotaExceeded })
                .ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogDisconnectFailed(clientId, ex.Message);
        }
    }

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Embedded MQTT broker (MQTTnet) listening on {Endpoint}, packets up to {MaxPacket} bytes")]
    private partial void LogListening(string endpoint, int maxPacket);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning,
        Message = "MQTT client {ClientId} did not keep up: a QoS 1 message to {Topic} was dropped from its full queue ({Capacity}); disconnecting it")]
    private partial void LogDroppedQos1(string clientId, string topic, int capacity);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "MQTT client {ClientId} published to an invalid topic name; its connection was closed")]
    private partial void LogInvalidTopic(string clientId);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "MQTT client {ClientId} refused: {Max} clients are connected")]
    private partial void LogRefusedFull(string clientId, int max);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Warning,
        Message = "MQTT client {ClientId} sent nothing for {Timeout}: publishers no longer wait for it until its queue drains; past the cap its queue drops")]
    private partial void LogReceiverStalled(string clientId, TimeSpan timeout);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Debug, Message = "Disconnecting slow MQTT client {ClientId} failed: {Reason}")]
    private partial void LogDisconnectFailed(string clientId, string reason);
}
