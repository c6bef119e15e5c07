using EdgeHive.Edge.Mqtt.Channel;
using EdgeHive.Edge.Mqtt.Packets;

namespace EdgeHive.Edge.Mqtt.Server;

/// <summary>
/// The broker side of one client connection: the CONNECT handshake, then one packet at a time from the channel's
/// receive loop. Its end (any reason) detaches the session and, unless the client said DISCONNECT or a takeover took
/// the will, publishes the will.
/// </summary>
internal sealed class BrokerConnection
{
    private readonly MqttBroker _broker;
    private readonly MqttBrokerOptions _options;
    private readonly long _acceptedAt;
    private readonly bool _overLimit;
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private BrokerSession? _session;
    private MqttApplicationMessage? _will;
    private ushort _keepAliveSeconds;
    private volatile bool _connected;

    public BrokerConnection(MqttBroker broker, MqttChannel channel, MqttBrokerOptions options, long acceptedAt, bool overLimit)
    {
        _broker = broker;
        Channel = channel;
        _options = options;
        _acceptedAt = acceptedAt;
        _overLimit = overLimit;
    }

    public MqttChannel Channel { get; }

    public string? ClientId { get; private set; }

    /// <summary>Completes after the session was detached and the will handled.</summary>
    public Task Finished => _finished.Task;

    public void Start()
    {
        Channel.Start(OnPacketAsync);
        _ = RunToEndAsync();
    }

    /// <summary>
    /// Takes the will away from this connection (null when it has none or it is already gone): a takeover publishes it
    /// from the new connection, so it is routed before anything the new connection sends.
    /// </summary>
    public MqttApplicationMessage? TakeWill() => Interlocked.Exchange(ref _will, null);

    /// <summary>Called by the broker heartbeat: connect deadline before CONNECT, 1.5 × keepalive after.</summary>
    public void CheckDeadlines(long now, TimeProvider time)
    {
        if (!_connected)
        {
            if (time.GetElapsedTime(_acceptedAt, now) > _options.ConnectTimeout)
            {
                Channel.Close(MqttCloseReason.Refused, "no CONNECT in time");
            }
        }
        else if (KeepAliveLogic.IsExpired(_keepAliveSeconds, time.GetElapsedTime(Channel.LastReceivedTimestamp, now)))
        {
            Channel.Close(MqttCloseReason.KeepAliveTimeout, $"keepalive {_keepAliveSeconds}s expired");
        }
    }

    private async Task RunToEndAsync()
    {
        var reason = await Channel.Completion;
        try
        {
            if (_session is { } session)
            {
                _broker.DetachSession(this, session);
                var will = TakeWill();
                // A will goes out for every end except DISCONNECT (MQTT-3.1.2-8) and broker shutdown; a takeover took it.
                if (will is not null && reason is not (MqttCloseReason.Normal or MqttCloseReason.Shutdown))
                {
                    await _broker.DistributeAsync(will, CancellationToken.None);
                }

                _broker.RaiseDisconnected(session.ClientId);
            }
        }
        finally
        {
            _broker.OnConnectionFinished(this);
            _finished.TrySetResult();
        }
    }

    private ValueTask OnPacketAsync(MqttPacket packet, CancellationToken cancellationToken)
    {
        if (Channel.IsClosing)
        {
            // Packets that arrived in the same read as a refused CONNECT or a DISCONNECT, or after a takeover, are not
            // processed (MQTT-3.1.4-5, MQTT-3.14.4-1): a refused client must not take over a session with a second CONNECT.
            return ValueTask.CompletedTask;
        }

        if (!_connected)
        {
            return packet is ConnectPacket connect
                ? OnConnectAsync(connect, cancellationToken)
                : throw new MqttProtocolException($"First packet was {packet.Type}, not CONNECT.");
        }

        var session = _session!;
        switch (packet)
        {
            case PublishPacket publish:
                return OnPublishAsync(session, publish, cancellationToken);
            case PubAckPacket ack:
                _broker.Acknowledge(session, ack.PacketId);
                break;
            case PubRelPacket rel:
                _broker.ReleaseIncomingQos2(session, rel.PacketId);
                return SendAsync(new PubCompPacket(rel.PacketId), cancellationToken);
            case PubRecPacket or PubCompPacket:
                // We never send QoS 2, so these answer nothing of ours; ignoring them is harmless.
                break;
            case SubscribePacket subscribe:
                return OnSubscribeAsync(session, subscribe, cancellationToken);
            case UnsubscribePacket unsubscribe:
                _broker.RemoveSubscriptions(session, unsubscribe.TopicFilters);
                return SendAsync(new UnsubAckPacket(unsubscribe.PacketId), cancellationToken);
            case PingReqPacket:
                return SendAsync(PingRespPacket.Instance, cancellationToken);
            case DisconnectPacket:
                _will = null;
                Channel.Close(MqttCloseReason.Normal, graceful: true);
                break;
            default:
                throw new MqttProtocolException($"A client must not send {packet.Type} here.");
        }

        return ValueTask.CompletedTask;
    }

    private async ValueTask OnConnectAsync(ConnectPacket connect, CancellationToken cancellationToken)
    {
        var code = Validate(connect);
        if (code != MqttConnectReturnCode.Accepted)
        {
            Channel.TrySend(new ConnAckPacket(false, code));
            Channel.Close(MqttCloseReason.Refused, $"CONNECT refused: {code}", graceful: true);
            return;
        }

        // §3.1.3.1: a zero-length id with clean session gets an id assigned by the server.
        ClientId = connect.ClientId.Length > 0 ? connect.ClientId : "auto-" + Guid.NewGuid().ToString("N");
        _keepAliveSeconds = connect.KeepAliveSeconds;
        _will = connect.Will;
        (_session, _, var takenOverWill) = _broker.AttachSession(this, ClientId, connect.CleanSession);
        _connected = true;
        _broker.RaiseConnected(ClientId);
        if (takenOverWill is not null)
        {
            // MQTT-3.1.2-8: only DISCONNECT discards a will, and the old connection ended without one. Routing it here,
            // before this connection's next packet, keeps "old went offline" ahead of whatever the new one publishes.
            await _broker.DistributeAsync(takenOverWill, cancellationToken);
        }
    }

    private MqttConnectReturnCode Validate(ConnectPacket connect)
    {
        if (_overLimit)
        {
            return MqttConnectReturnCode.ServerUnavailable;
        }

        if (!(connect is { ProtocolName: "MQTT", ProtocolLevel: 4 } or { ProtocolName: "MQIsdp", ProtocolLevel: 3 }))
        {
            return MqttConnectReturnCode.UnacceptableProtocolVersion;
        }

        // MQTT-3.1.3-8; and 3.1 (MQIsdp) has no server-assigned ids at all, so an empty id is rejected there too.
        if (connect.ClientId.Length == 0 && (!connect.CleanSession || connect.ProtocolLevel == 3))
        {
            return MqttConnectReturnCode.IdentifierRejected;
        }

        return _options.Authenticate?.Invoke(connect.ClientId, connect.UserName, connect.Password) ?? MqttConnectReturnCode.Accepted;
    }

    private async ValueTask OnPublishAsync(BrokerSession session, PublishPacket publish, CancellationToken cancellationToken)
    {
        switch (publish.QualityOfService)
        {
            case MqttQualityOfService.AtMostOnce:
                await _broker.DistributeAsync(publish.ToMessage(), cancellationToken);
                break;
            case MqttQualityOfService.AtLeastOnce:
                await _broker.DistributeAsync(publish.ToMessage(), cancellationToken);
                await SendAsync(new PubAckPacket(publish.PacketId), cancellationToken);
                break;
            default:
                // Method A of §4.3.3: distribute on PUBLISH, remember the id until PUBREL so a DUP is not routed twice.
                if (_broker.BeginIncomingQos2(session, publish.PacketId))
                {
                    await _broker.DistributeAsync(publish.ToMessage(), cancellationToken);
                }

                await SendAsync(new PubRecPacket(publish.PacketId), cancellationToken);
                break;
        }
    }

    private async ValueTask OnSubscribeAsync(BrokerSession session, SubscribePacket subscribe, CancellationToken cancellationToken)
    {
        var codes = _broker.AddSubscriptions(session, subscribe.Subscriptions);
        await SendAsync(new SubAckPacket(subscribe.PacketId, codes), cancellationToken);
        foreach (var subscription in subscribe.Subscriptions)
        {
            _broker.SendRetained(session, subscription);
        }
    }

    private async ValueTask SendAsync(MqttPacket packet, CancellationToken cancellationToken) =>
        await Channel.SendAsync(packet, cancellationToken);
}
