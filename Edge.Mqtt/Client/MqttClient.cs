using EdgeHive.Edge.Mqtt.Channel;
using EdgeHive.Edge.Mqtt.Diagnostics;
using EdgeHive.Edge.Mqtt.Formatter;
using EdgeHive.Edge.Mqtt.Packets;
using EdgeHive.Edge.Mqtt.Topics;

namespace EdgeHive.Edge.Mqtt.Client;

/// <summary>
/// MQTT 3.1.1 client: QoS 0 and 1 publish (QoS 1 waits for PUBACK and is re-sent with DUP after a reconnect),
/// subscribe/unsubscribe (re-subscribed automatically when the broker lost the session), keepalive pings and
/// automatic reconnect with jittered exponential backoff. Received messages go to <see cref="MessageReceived"/>.
/// </summary>
public sealed partial class MqttClient : IAsyncDisposable
{
    private readonly MqttClientOptions _options;
    private readonly TimeProvider _time;
    private readonly IMqttLogger _log;
    private readonly MqttPacketFormatter _formatter;
    private readonly Lock _gate = new();
    private readonly Dictionary<ushort, InflightPublish> _inflight = [];
    private readonly Dictionary<ushort, TaskCompletionSource<MqttPacket>> _requests = [];
    private readonly Dictionary<string, MqttQualityOfService> _subscriptions = new(StringComparer.Ordinal);
    private readonly HashSet<ushort> _incomingQos2 = [];
    private readonly CancellationTokenSource _disposing = new();
    private MqttChannel? _channel;
    private TaskCompletionSource? _pingWaiter;
    private long _sequence;
    private ushort _lastPacketId;
    private bool _stopped;

    /// <summary>Creates a client; nothing connects until <see cref="ConnectAsync"/>.</summary>
    public MqttClient(MqttClientOptions options, TimeProvider? timeProvider = null, IMqttLogger? logger = null)
    {
        options.Validate();
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _log = logger ?? NullMqttLogger.Instance;
        _formatter = new MqttPacketFormatter(options.MaxPacketSize);
    }

    /// <summary>
    /// Called for each received message, in order, one at a time. A QoS 1 message is acknowledged after the handler
    /// returns, so a crash inside it means redelivery (at least once). Keep it short: it holds up the receive loop.
    /// </summary>
    public Func<MqttApplicationMessage, CancellationToken, ValueTask>? MessageReceived { get; set; }

    /// <summary>Raised after every successful (re)connect, with the CONNACK session-present flag.</summary>
    public event Action<bool>? Connected;

    /// <summary>Raised when a connection ends, before any reconnect attempt.</summary>
    public event Action? Disconnected;

    /// <summary>Whether a connection is currently established.</summary>
    public bool IsConnected
    {
        get
        {
            lock (_gate)
            {
                return _channel is { IsClosing: false };
            }
        }
    }

    /// <summary>QoS 1 publishes not yet acknowledged (they are re-sent after a reconnect).</summary>
    public int PendingPublishCount
    {
        get
        {
            lock (_gate)
            {
                return _inflight.Count;
            }
        }
    }

    /// <summary>Connects once; throws <see cref="MqttConnectRefusedException"/> or the transport error on failure.</summary>
    public Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _stopped = false;
        }

        return ConnectOnceAsync(cancellationToken);
    }

    /// <summary>Subscribes and returns the granted QoS; the subscription is restored after reconnects.</summary>
    public async Task<MqttQualityOfService> SubscribeAsync(
        string topicFilter, MqttQualityOfService qos = MqttQualityOfService.AtMostOnce, CancellationToken cancellationToken = default)
    {
        if (!MqttTopic.IsValidTopicFilter(topicFilter))
        {
            throw new ArgumentException($"'{topicFilter}' is not a valid topic filter.", nameof(topicFilter));
        }

        var reply = await RequestAsync(id => new SubscribePacket(id, [new MqttSubscription(topicFilter, qos)]), cancellationToken);
        var code = ((SubAckPacket)reply).ReturnCodes[0];
        if (code == SubAckPacket.Failure)
        {
            throw new InvalidOperationException($"The broker refused the subscription to '{topicFilter}'.");
        }

        lock (_gate)
        {
            _subscriptions[topicFilter] = qos;
        }

        return (MqttQualityOfService)code;
    }

    /// <summary>Unsubscribes (also from future reconnects).</summary>
    public async Task UnsubscribeAsync(string topicFilter, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _subscriptions.Remove(topicFilter);
        }

        await RequestAsync(id => new UnsubscribePacket(id, [topicFilter]), cancellationToken);
    }

    /// <summary>
    /// Publishes. QoS 0 completes once queued for sending. QoS 1 completes on PUBACK; while disconnected it waits
    /// and is sent (with DUP if it went out before) when the connection returns. QoS 2 is not supported for sending.
    /// </summary>
    public async Task PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        if (!MqttTopic.IsValidTopicName(message.Topic))
        {
            throw new ArgumentException($"'{message.Topic}' is not a valid topic name.", nameof(message));
        }

        switch (message.QualityOfService)
        {
            case MqttQualityOfService.AtMostOnce:
                var channel = CurrentChannel() ?? throw new MqttNotConnectedException();
                var packet = new PublishPacket { Topic = message.Topic, Payload = message.Payload, Retain = message.Retain };
                if (!await channel.SendAsync(packet, cancellationToken))
                {
                    throw new MqttNotConnectedException("The connection closed before the message was sent.");
                }

                return;
            case MqttQualityOfService.AtLeastOnce:
                await PublishQos1Async(message, cancellationToken);
                return;
            default:
                throw new NotSupportedException("Sending QoS 2 is not supported; use QoS 1.");
        }
    }

    /// <summary>Sends PINGREQ and waits for PINGRESP.</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        MqttChannel channel;
        lock (_gate)
        {
            channel = _channel ?? throw new MqttNotConnectedException();
            _pingWaiter = waiter;
        }

        if (!await channel.SendAsync(PingReqPacket.Instance, cancellationToken))
        {
            throw new MqttNotConnectedException();
        }

        await waiter.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Sends DISCONNECT (the broker discards the will) and closes; no reconnect follows.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        MqttChannel? channel;
        lock (_gate)
        {
            _stopped = true;
            channel = _channel;
        }

        if (channel is not null)
        {
            channel.TrySend(DisconnectPacket.Instance);
            channel.Close(MqttCloseReason.Normal, graceful: true);
            await channel.Completion.WaitAsync(cancellationToken);
        }

        FailPending(new MqttNotConnectedException("The client disconnected."), includeInflight: true);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        await _disposing.CancelAsync();
        await _reconnectLoop;
        _disposing.Dispose();
    }

    private MqttChannel? CurrentChannel()
    {
        lock (_gate)
        {
            return _channel;
        }
    }

    // Under _gate. Skips 0 and ids still in use.
    private ushort NextPacketId()
    {
        do
        {
            _lastPacketId = _lastPacketId == ushort.MaxValue ? (ushort)1 : (ushort)(_lastPacketId + 1);
        }
        while (_inflight.ContainsKey(_lastPacketId) || _requests.ContainsKey(_lastPacketId));

        return _lastPacketId;
    }
}
