using EdgeHive.Edge.Mqtt.Channel;
using EdgeHive.Edge.Mqtt.Packets;
using EdgeHive.Edge.Mqtt.Topics;

namespace EdgeHive.Edge.Mqtt.Server;

/// <summary>
/// Sessions and message routing. One lock guards every session: routing under it only queues packets without
/// waiting, so it stays short; host handlers run outside it.
/// </summary>
public sealed partial class MqttBroker
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BrokerSession> _sessions = new(StringComparer.Ordinal);
    private readonly RetainedMessageStore _retained = new();
    private HostSubscription[] _hostSubscriptions = [];

    /// <summary>Number of retained messages held.</summary>
    public int RetainedMessageCount => _retained.Count;

    /// <summary>
    /// Publishes from the host as if a client had: routed to matching subscribers, stored when retained. QoS 2 is
    /// delivered as QoS 1.
    /// </summary>
    public ValueTask PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        if (!MqttTopic.IsValidTopicName(message.Topic))
        {
            throw new ArgumentException($"'{message.Topic}' is not a valid topic name.", nameof(message));
        }

        return DistributeAsync(message, cancellationToken);
    }

    /// <summary>
    /// Subscribes the host to <paramref name="topicFilter"/>. The handler runs on the publishing connection's receive
    /// loop, one message at a time per publisher: keep it short (hand off to a queue). Dispose the result to unsubscribe.
    /// </summary>
    public IDisposable Subscribe(string topicFilter, Func<MqttApplicationMessage, CancellationToken, ValueTask> handler)
    {
        if (!MqttTopic.IsValidTopicFilter(topicFilter))
        {
            throw new ArgumentException($"'{topicFilter}' is not a valid topic filter.", nameof(topicFilter));
        }

        var subscription = new HostSubscription(this, topicFilter, handler);
        lock (_gate)
        {
            _hostSubscriptions = [.. _hostSubscriptions, subscription];
        }

        return subscription;
    }

    /// <summary>Whether client <paramref name="clientId"/> holds <paramref name="topicFilter"/> (tests wait on it).</summary>
    internal bool HasSubscription(string clientId, string topicFilter)
    {
        lock (_gate)
        {
            return _sessions.TryGetValue(clientId, out var session) && session.Subscriptions.ContainsKey(topicFilter);
        }
    }

    internal void RemoveHostSubscription(HostSubscription subscription)
    {
        lock (_gate)
        {
            _hostSubscriptions = _hostSubscriptions.Where(s => s != subscription).ToArray();
        }
    }

    /// <summary>
    /// Binds an accepted CONNECT to its session: takes over a connection with the same id, resumes or discards the old
    /// session, sends CONNACK, then re-sends in-flight (DUP) and queued messages. Returns the session, whether it
    /// was present, and the will of a taken-over connection, which the caller publishes.
    /// </summary>
    internal (BrokerSession Session, bool Present, MqttApplicationMessage? TakenOverWill) AttachSession(
        BrokerConnection connection, string clientId, bool clean)
    {
        lock (_gate)
        {
            MqttApplicationMessage? takenOverWill = null;
            _sessions.TryGetValue(clientId, out var session);
            if (session?.Connection is { } previous)
            {
                // MQTT-3.1.4-2: the newer connection wins and the older one is closed; its will goes with the new one.
                takenOverWill = previous.TakeWill();
                previous.Channel.Close(MqttCloseReason.TakenOver);
                session.Connection = null;
            }

            var present = session is not null && !clean && !session.Clean;
            if (!present)
            {
                session = new BrokerSession(clientId, clean);
                _sessions[clientId] = session;
            }

            session!.Clean = clean;
            session.Connection = connection;
            connection.Channel.TrySend(new ConnAckPacket(present, MqttConnectReturnCode.Accepted));
            foreach (var packet in session.InflightForRedelivery())
            {
                SendQos1(session, connection, packet);
            }

            foreach (var message in session.DrainPending())
            {
                SendQos1(session, connection, session.AddInflight(message));
            }

            return (session, present, takenOverWill);
        }
    }

    /// <summary>Unbinds a finished connection; a clean session ends with it.</summary>
    internal void DetachSession(BrokerConnection connection, BrokerSession session)
    {
        lock (_gate)
        {
            if (session.Connection != connection)
            {
                return;
            }

            session.Connection = null;
            if (session.Clean && _sessions.TryGetValue(session.ClientId, out var current) && current == session)
            {
                _sessions.Remove(session.ClientId);
            }
        }
    }

    /// <summary>Adds subscriptions and returns the SUBACK codes; QoS 2 is granted as 1 (allowed by §3.9.3).</summary>
    internal List<byte> AddSubscriptions(BrokerSession session, IReadOnlyList<MqttSubscription> subscriptions)
    {
        var codes = new List<byte>(subscriptions.Count);
        lock (_gate)
        {
            foreach (var subscription in subscriptions)
            {
                var granted = subscription.QualityOfService > MqttQualityOfService.AtLeastOnce
                    ? MqttQualityOfService.AtLeastOnce
                    : subscription.QualityOfService;
                session.Subscriptions[subscription.TopicFilter] = granted;
                codes.Add((byte)granted);
            }
        }

        return codes;
    }

    /// <summary>Sends the retained messages matching a new subscription, flagged retained (§3.3.1.3).</summary>
    internal void SendRetained(BrokerSession session, MqttSubscription subscription)
    {
        var granted = subscription.QualityOfService > MqttQualityOfService.AtLeastOnce ? MqttQualityOfService.AtLeastOnce : subscription.QualityOfService;
        var matching = _retained.Matching(subscription.TopicFilter);
        lock (_gate)
        {
            foreach (var message in matching)
            {
                Deliver(session, message, granted);
            }
        }
    }

    internal void RemoveSubscriptions(BrokerSession session, IReadOnlyList<string> filters)
    {
        lock (_gate)
        {
            foreach (var filter in filters)
            {
                session.Subscriptions.Remove(filter);
            }
        }
    }

    internal void Acknowledge(BrokerSession session, ushort packetId)
    {
        lock (_gate)
        {
            session.Acknowledge(packetId);
        }
    }

    /// <summary>Whether an incoming QoS 2 id is new (true: distribute it) — re-sends before PUBREL are not.</summary>
    internal bool BeginIncomingQos2(BrokerSession session, ushort packetId)
    {
        lock (_gate)
        {
            return session.IncomingQos2.Add(packetId);
        }
    }

    internal void ReleaseIncomingQos2(BrokerSession session, ushort packetId)
    {
        lock (_gate)
        {
            session.IncomingQos2.Remove(packetId);
        }
    }

    /// <summary>Routes one message to every matching session (once, at the highest granted QoS) and host handler.</summary>
    internal async ValueTask DistributeAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (message.Retain)
        {
            _retained.Apply(message);
        }

        // §3.3.1-9: messages to existing subscriptions go out with RETAIN = 0.
        var outgoing = message.Retain ? message with { Retain = false } : message;
        HostSubscription[] hosts;
        lock (_gate)
        {
            foreach (var session in _sessions.Values)
            {
                var granted = (MqttQualityOfService?)null;
                foreach (var (filter, qos) in session.Subscriptions)
                {
                    if ((granted is null || qos > granted) && MqttTopic.IsMatch(filter, message.Topic))
                    {
                        granted = qos;
                    }
                }

                if (granted is { } g)
                {
                    Deliver(session, outgoing, g);
                }
            }

            hosts = _hostSubscriptions;
        }

        foreach (var host in hosts)
        {
            if (!MqttTopic.IsMatch(host.Filter, message.Topic))
            {
                continue;
            }

            try
            {
                await host.Handler(outgoing, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogHostHandlerFailed(host.Filter, ex);
            }
        }
    }

    // Under _gate.
    private void Deliver(BrokerSession session, MqttApplicationMessage message, MqttQualityOfService granted)
    {
        var qos = message.QualityOfService < granted ? message.QualityOfService : granted;
        var connection = session.Connection;
        if (qos == MqttQualityOfService.AtMostOnce)
        {
            // QoS 0 is dropped for a full outbound queue and for offline sessions (as mosquitto does by default).
            connection?.Channel.TrySend(new PublishPacket
            {
                Topic = message.Topic,
                Payload = message.Payload,
                Retain = message.Retain,
            });
            return;
        }

        if (connection is null)
        {
            if (!session.Clean)
            {
                session.Enqueue(message, _options.MaxQueuedMessagesPerSession);
            }

            return;
        }

        if (session.InflightCount >= _options.MaxQueuedMessagesPerSession)
        {
            // The client stopped acknowledging; keep what is in flight for its next connection.
            session.Enqueue(message, _options.MaxQueuedMessagesPerSession);
            connection.Channel.Close(MqttCloseReason.SlowConsumer, "too many unacknowledged messages");
            return;
        }

        SendQos1(session, connection, session.AddInflight(message));
    }

    // Under _gate.
    private static void SendQos1(BrokerSession session, BrokerConnection connection, PublishPacket packet)
    {
        if (!connection.Channel.TrySend(packet))
        {
            // Outbound queue full: the packet stays in flight and is re-sent (DUP) when the client reconnects.
            connection.Channel.Close(MqttCloseReason.SlowConsumer, $"outbound queue full for {session.ClientId}");
        }
    }
}
